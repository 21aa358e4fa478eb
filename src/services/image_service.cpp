#include "services/image_service.hpp"

#include <vips/vips.h>

#include <array>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <semaphore>
#include <sstream>
#include <utility>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/log.hpp"
#include "core/rate_limiter.hpp"
#include "services/audit_trail.hpp"
#include "store/db.hpp"

namespace evient {
namespace fs = std::filesystem;
namespace {

// Decoding is memory- and CPU-heavy: at most this many images at once, each
// with one libvips thread; the others wait this long, then get a 503.
constexpr std::ptrdiff_t kConcurrentImages = 2;
constexpr std::chrono::seconds kGateWait{20};
constexpr int kWebpQuality = 82;

// The libvips loaders we accept, by the class name vips_foreign_find_load_buffer
// gives. Anything else (SVG, PDF, TIFF, HEIF, ImageMagick...) is refused before
// it is parsed: fewer decoders facing untrusted bytes.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kLoaders = {{
    {"VipsForeignLoadJpegBuffer", "jpeg"},
    {"VipsForeignLoadPngBuffer", "png"},
    {"VipsForeignLoadWebpBuffer", "webp"},
    {"VipsForeignLoadNsgifBuffer", "gif"},
    {"VipsForeignLoadGifBuffer", "gif"},
}};

// libvips is started once per process and shut down at exit (so leak checkers
// see its caches and threads released).
void start_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("evient") != 0) throw std::runtime_error("libvips failed to start");
    // Loaders marked untrusted by libvips (ImageMagick, PDF...) are never used.
    vips_block_untrusted_set(TRUE);
    // No operation cache: every upload is different, a cache only holds memory.
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    // Parallelism comes from concurrent requests (bounded by the gate), not
    // from threads inside one image.
    vips_concurrency_set(1);
    std::atexit([] { vips_shutdown(); });
  });
}

struct Unref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// libvips keeps one error buffer per process; its text goes to the log only.
std::string take_vips_error() {
  std::string text = vips_error_buffer();
  vips_error_clear();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

[[noreturn]] void unreadable(const std::string& detail) {
  log::info("image refused as unreadable: " + detail);
  throw ApiError(422, "IMAGE_UNREADABLE", "The file could not be read as an image");
}

Image checked(int status, VipsImage* out, const char* step) {
  if (status != 0 || !out) unreadable(std::string(step) + ": " + take_vips_error());
  return Image(out);
}

// Fits `in` into a fit x fit square (never enlarged).
Image fit_into(VipsImage* in, int fit) {
  VipsImage* out = nullptr;
  const int status =
      vips_thumbnail_image(in, &out, fit, "height", fit, "size", VIPS_SIZE_DOWN, nullptr);
  return checked(status, out, "resize");
}

// The decoded pixels of `in` as a new image that carries no metadata at all.
Image pixels_only(VipsImage* in) {
  std::size_t size = 0;
  void* pixels = vips_image_write_to_memory(in, &size);
  if (!pixels) unreadable("decode: " + take_vips_error());
  VipsImage* out = vips_image_new_from_memory_copy(
      pixels, size, vips_image_get_width(in), vips_image_get_height(in), vips_image_get_bands(in),
      vips_image_get_format(in));
  g_free(pixels);
  if (!out) unreadable("copy: " + take_vips_error());
  return Image(out);
}

std::uint32_t read_le32(std::string_view s, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

void write_le32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

// libvips 8.14's WebP writer adds an EXIF chunk (its own resolution tags)
// even with strip set; rewrite the RIFF container without EXIF, XMP and ICC
// chunks, and clear their flags in the VP8X header.
std::string without_webp_metadata(const std::string& webp) {
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0) {
    throw std::runtime_error("libvips wrote something other than a WebP file");
  }
  std::string out = webp.substr(0, 12);
  std::size_t vp8x_flags = std::string::npos;
  for (std::size_t at = 12; at < webp.size();) {
    if (webp.size() - at < 8) throw std::runtime_error("truncated WebP chunk header");
    const std::string_view type(webp.data() + at, 4);
    const std::size_t length = read_le32(webp, at + 4);
    const std::size_t total = 8 + length + (length & 1);
    if (total > webp.size() - at) throw std::runtime_error("truncated WebP chunk");
    if (type != "EXIF" && type != "XMP " && type != "ICCP") {
      if (type == "VP8X") vp8x_flags = out.size() + 8;
      out.append(webp, at, total);
    }
    at += total;
  }
  // VP8X flags: ICC 0x20, EXIF 0x08, XMP 0x04.
  if (vp8x_flags != std::string::npos) {
    out[vp8x_flags] = static_cast<char>(static_cast<unsigned char>(out[vp8x_flags]) & ~0x2c);
  }
  write_le32(out, 4, static_cast<std::uint32_t>(out.size() - 8));
  return out;
}

// WebP without any metadata.
std::string encode_webp(VipsImage* in) {
  void* buffer = nullptr;
  std::size_t length = 0;
  if (vips_webpsave_buffer(in, &buffer, &length, "Q", kWebpQuality, "strip", TRUE, nullptr) != 0) {
    unreadable("encode: " + take_vips_error());
  }
  std::string bytes(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return without_webp_metadata(bytes);
}

// Content-addressed: 128 bits of the SHA-256 of the bytes.
std::string name_for(const std::string& bytes) {
  return crypto::sha256_hex(bytes).substr(0, 32) + ".webp";
}

// The names this service produces, and so the only ones it will open.
bool is_stored_name(std::string_view name) {
  if (name.size() != 32 + 5 || !name.ends_with(".webp")) return false;
  for (std::size_t i = 0; i < 32; ++i) {
    const char c = name[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Written beside its final name, then renamed: a reader sees the whole file or none.
void write_file(const fs::path& dir, const std::string& name, const std::string& bytes) {
  const fs::path target = dir / name;
  std::error_code ec;
  if (fs::exists(target, ec)) return;  // same name, same bytes
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  const fs::path tmp = dir / (name + "." + crypto::hex_encode(crypto::random_bytes(8)) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      fs::remove(tmp, ec);
      throw std::runtime_error("cannot write " + tmp.string());
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw std::runtime_error("cannot rename " + tmp.string() + ": " + ec.message());
  }
}

boost::json::value audit_snapshot(const StoredImage& s) {
  return boost::json::object{{"image_path", s.image_path}, {"thumbnail_path", s.thumbnail_path},
                             {"width", s.width},           {"height", s.height},
                             {"bytes", s.bytes},           {"source_format", s.source_format}};
}

}  // namespace

bool is_upload_path(std::string_view path) {
  return path.starts_with(ImageService::kPathPrefix) &&
         is_stored_name(path.substr(ImageService::kPathPrefix.size()));
}

struct ImageService::Gate {
  std::counting_semaphore<kConcurrentImages> slots{kConcurrentImages};
};

ImageService::ImageService(store::Database& db, const Clock& clock, const Config& config)
    : db_(db),
      clock_(clock),
      dir_(upload_directory(config)),
      rate_(std::make_unique<RateLimiter>(clock, config.uploads_per_user_hour,
                                          std::chrono::hours(1))),
      gate_(std::make_unique<Gate>()) {
  start_vips();
  upload_bounds_.max_bytes = config.max_upload_bytes;
  // Avatars are shown small: a smaller file, and a 512 px image with a 128 px thumbnail.
  avatar_bounds_.max_bytes = std::min<std::size_t>(config.max_upload_bytes, 2 << 20);
  avatar_bounds_.fit = 512;
  avatar_bounds_.thumbnail_fit = 128;
}

ImageService::~ImageService() = default;

void ImageService::count_upload(const std::string& user_id) {
  const std::string key = "upload:" + user_id;
  if (!rate_->allow(key)) {
    throw RateLimited("Too many uploads; try again later", rate_->retry_after(key));
  }
}

StoredImage ImageService::store_upload(const std::string& actor_id, std::string_view bytes) {
  count_upload(actor_id);
  StoredImage stored = process(bytes, upload_bounds_);
  const Timestamp now = clock_.now();
  db_.write([&](store::Tx& tx) {
    audit::record(tx, actor_id, "upload.create", "upload",
                  stored.image_path.substr(kPathPrefix.size()), nullptr, audit_snapshot(stored),
                  now);
  });
  return stored;
}

StoredImage ImageService::store_avatar(const std::string& user_id, std::string_view bytes) {
  count_upload(user_id);
  return process(bytes, avatar_bounds_);
}

StoredImage ImageService::process(std::string_view bytes, const ImageBounds& bounds) {
  if (bytes.empty()) throw ValidationError("image", "EMPTY", "The file is empty");
  if (bytes.size() > bounds.max_bytes) {
    throw ApiError(413, "PAYLOAD_TOO_LARGE",
                   "The image is larger than " + std::to_string(bounds.max_bytes >> 10) + " KiB");
  }
  // What the bytes are, from their content (never from a file name or a
  // Content-Type the client chose).
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  vips_error_clear();
  std::string_view format;
  for (const auto& [name, fmt] : kLoaders) {
    if (loader && name == loader) format = fmt;
  }
  if (format.empty()) {
    throw ApiError(415, "UNSUPPORTED_IMAGE_TYPE",
                   "Only JPEG, PNG, WebP and GIF images are accepted");
  }

  if (!gate_->slots.try_acquire_for(kGateWait)) {
    throw ServiceUnavailable("The server is busy processing other images; try again shortly");
  }
  struct Release {
    Gate& gate;
    ~Release() { gate.slots.release(); }
  } release{*gate_};

  // Reads the header only; pixels are decoded later, on demand.
  Image source = checked(0,
                         vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "fail_on",
                                                    VIPS_FAIL_ON_ERROR, nullptr),
                         "header");
  const std::int64_t width = vips_image_get_width(source.get());
  const std::int64_t height = vips_image_get_height(source.get());
  if (width > bounds.max_side || height > bounds.max_side || width * height > bounds.max_pixels) {
    throw ApiError(422, "IMAGE_TOO_LARGE",
                   "The image is " + std::to_string(width) + "x" + std::to_string(height) +
                       " pixels; at most " + std::to_string(bounds.max_side) + " per side and " +
                       std::to_string(bounds.max_pixels / 1'000'000) + " megapixels are accepted");
  }

  VipsImage* out = nullptr;
  int status = vips_autorot(source.get(), &out, nullptr);
  Image upright = checked(status, out, "rotate");
  out = nullptr;
  status = vips_colourspace(upright.get(), &out, VIPS_INTERPRETATION_sRGB, nullptr);
  Image srgb = checked(status, out, "colour");
  Image fitted = fit_into(srgb.get(), bounds.fit);
  // Decoded once here (a truncated or corrupt file fails now), into a fresh
  // image made of the pixels alone: no EXIF, XMP, ICC or comment field of the
  // upload survives to reach an encoder.
  Image decoded = pixels_only(fitted.get());
  Image small = fit_into(decoded.get(), bounds.thumbnail_fit);

  const std::string full_bytes = encode_webp(decoded.get());
  const std::string thumb_bytes = encode_webp(small.get());
  const std::string full_name = name_for(full_bytes);
  const std::string thumb_name = name_for(thumb_bytes);
  write_file(dir_, full_name, full_bytes);
  write_file(dir_, thumb_name, thumb_bytes);

  StoredImage stored;
  stored.image_path = std::string(kPathPrefix) + full_name;
  stored.thumbnail_path = std::string(kPathPrefix) + thumb_name;
  stored.width = vips_image_get_width(decoded.get());
  stored.height = vips_image_get_height(decoded.get());
  stored.thumbnail_width = vips_image_get_width(small.get());
  stored.thumbnail_height = vips_image_get_height(small.get());
  stored.bytes = full_bytes.size();
  stored.source_format = std::string(format);
  return stored;
}

std::optional<ServedImage> ImageService::read(std::string_view name) const {
  if (!is_stored_name(name)) return std::nullopt;
  std::ifstream in(fs::path(dir_) / std::string(name), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream body;
  body << in.rdbuf();
  ServedImage image;
  image.body = std::move(body).str();
  image.content_type = "image/webp";
  // The name is the hash of the bytes: it is the entity tag.
  image.etag = "\"" + std::string(name.substr(0, 32)) + "\"";
  return image;
}

}  // namespace evient
