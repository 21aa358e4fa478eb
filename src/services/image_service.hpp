#pragma once
// Uploaded images (banners, event pictures, avatars). Every upload is decoded
// and re-encoded by libvips, so what is kept and served is always a fresh WebP
// the server wrote itself: only JPEG, PNG, WebP and GIF (first frame) are
// read, dimensions are checked from the header before any pixel is decoded
// (a small file can claim a gigapixel image), EXIF orientation is applied and
// all metadata (EXIF, XMP, ICC, comments) is dropped. Files are named by the
// hash of their bytes, so a name always means the same bytes (served as
// immutable) and an image uploaded twice is kept once.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "services/store_handles.hpp"

namespace evient {

class RateLimiter;

// How an upload is bounded and resized.
struct ImageBounds {
  std::size_t max_bytes = 8 << 20;       // the file itself
  int max_side = 12000;                  // width or height, from the header
  std::int64_t max_pixels = 40'000'000;  // width x height, from the header
  int fit = 2560;                        // the kept image fits in fit x fit
  int thumbnail_fit = 480;               // the thumbnail fits in this square
};

struct StoredImage {
  std::string image_path;      // "/uploads/<name>.webp"
  std::string thumbnail_path;  // likewise, the smaller copy
  int width = 0;               // of the kept image, after rotation and fitting
  int height = 0;
  int thumbnail_width = 0;
  int thumbnail_height = 0;
  std::size_t bytes = 0;      // of the kept image
  std::string source_format;  // "jpeg", "png", "webp" or "gif"
};

struct ServedImage {
  std::string body;
  std::string content_type;
  std::string etag;  // quoted
};

// Whether `path` is one this service hands out ("/uploads/<32 hex>.webp"):
// such a path may stand where an http(s) image URL is expected (avatar_url).
bool is_upload_path(std::string_view path);

class ImageService {
 public:
  // The web path under which stored images are served.
  static constexpr std::string_view kPathPrefix = "/uploads/";

  ImageService(store::Database& db, const Clock& clock, const Config& config);
  ~ImageService();
  ImageService(const ImageService&) = delete;
  ImageService& operator=(const ImageService&) = delete;

  // An administrator's upload (banners, event images); recorded in the audit log.
  StoredImage store_upload(const std::string& actor_id, std::string_view bytes);
  // A user's own avatar: smaller bounds, not audited (no admin action).
  StoredImage store_avatar(const std::string& user_id, std::string_view bytes);
  // A stored image by file name; nullopt for a name we never produce or a missing file.
  std::optional<ServedImage> read(std::string_view name) const;

  const ImageBounds& upload_bounds() const { return upload_bounds_; }
  const ImageBounds& avatar_bounds() const { return avatar_bounds_; }

 private:
  StoredImage process(std::string_view bytes, const ImageBounds& bounds);
  void count_upload(const std::string& user_id);

  store::Database& db_;
  const Clock& clock_;
  std::string dir_;
  ImageBounds upload_bounds_;
  ImageBounds avatar_bounds_;
  std::unique_ptr<RateLimiter> rate_;
  struct Gate;
  std::unique_ptr<Gate> gate_;
};

}  // namespace evient
