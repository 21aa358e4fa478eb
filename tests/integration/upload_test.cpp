// Image uploads: POST /api/upload (admin), POST /api/users/avatar (user) and
// GET /uploads/:name. Every image is made here, with libvips, so each test
// shows what it sends.
#include <gtest/gtest.h>
#include <unistd.h>
#include <vips/vips.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "support/test_app.hpp"

namespace evient::test {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

struct Unref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// A w x h grey RGB image; `tweak` may set metadata before it is saved.
Image grey(int width, int height) {
  VipsImage* black = nullptr;
  VipsImage* out = nullptr;
  EXPECT_EQ(vips_black(&black, width, height, "bands", 3, nullptr), 0);
  EXPECT_EQ(vips_linear1(black, &out, 1.0, 128.0, "uchar", TRUE, nullptr), 0);
  g_object_unref(black);
  return Image(out);
}

std::string saved(VipsImage* image, const char* format) {
  void* buffer = nullptr;
  std::size_t length = 0;
  int status = -1;
  if (std::string_view(format) == "png")
    status = vips_pngsave_buffer(image, &buffer, &length, nullptr);
  if (std::string_view(format) == "jpeg")
    status = vips_jpegsave_buffer(image, &buffer, &length, nullptr);
  if (std::string_view(format) == "gif")
    status = vips_gifsave_buffer(image, &buffer, &length, nullptr);
  EXPECT_EQ(status, 0) << vips_error_buffer();
  std::string bytes(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return bytes;
}

std::string png(int width, int height) {
  return saved(grey(width, height).get(), "png");
}

// Width and height of an encoded image, as libvips reads it.
std::pair<int, int> size_of(const std::string& bytes) {
  Image image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
  if (!image) return {0, 0};
  return {vips_image_get_width(image.get()), vips_image_get_height(image.get())};
}

std::uint32_t crc32(std::string_view data) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char byte : data) {
    crc ^= byte;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put_be32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
}

// A real, tiny PNG whose header claims width x height: a decompression bomb's
// shape (the pixels are never there; a decoder that trusted the header would
// allocate for them).
std::string png_claiming(std::uint32_t width, std::uint32_t height) {
  std::string bytes = png(1, 1);
  // Signature (8), IHDR length (4), "IHDR" (4), width, height ... CRC over type + data.
  put_be32(bytes, 16, width);
  put_be32(bytes, 20, height);
  put_be32(bytes, 29, crc32(std::string_view(bytes).substr(12, 17)));
  return bytes;
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

constexpr const char* kBoundary = "----EvientTestBoundary7MA4YWxk";

std::string form(const std::string& field, const std::string& bytes,
                 const std::string& filename = "picture.png",
                 const std::string& type = "image/png") {
  return std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + field +
         "\"; filename=\"" + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n" + bytes +
         "\r\n--" + kBoundary + "--\r\n";
}

class UploadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vips_init("upload_test");
    dir_ = fs::temp_directory_path() /
           ("evient-uploads-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }
  TestServer& server(const std::function<void(Config&)>& tweak = {}) {
    server_ = std::make_unique<TestServer>([&](Config& c) {
      c.upload_dir = (dir_ / "uploads").string();
      if (tweak) tweak(c);
    });
    admin_ = server_->admin_token();
    return *server_;
  }
  HttpResponse upload(
      const std::string& body, const std::string& token, const std::string& target = "/api/upload",
      const std::string& content_type = std::string("multipart/form-data; boundary=") + kBoundary) {
    std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", content_type}};
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    return server_->http().request("POST", target, body, headers);
  }
  HttpResponse upload_image(const std::string& bytes) {
    return upload(form("image", bytes), admin_);
  }

  fs::path dir_;
  std::unique_ptr<TestServer> server_;
  std::string admin_;
};

TEST_F(UploadTest, AdminUploadIsReEncodedStoredAndServedWithCacheHeaders) {
  server();
  auto r = upload_image(png(800, 600));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& body = r.json().as_object();
  EXPECT_EQ(body.at("status").as_string(), "success");
  EXPECT_TRUE(body.at("success").as_bool());
  const std::string image_path(body.at("imagePath").as_string());
  const std::string thumb_path(body.at("thumbnailPath").as_string());
  EXPECT_EQ(body.at("data").at("imagePath").as_string(), image_path);
  EXPECT_EQ(body.at("data").at("thumbnailPath").as_string(), thumb_path);
  EXPECT_EQ(body.at("data").at("sourceFormat").as_string(), "png");
  ASSERT_TRUE(image_path.starts_with("/uploads/") && image_path.ends_with(".webp")) << image_path;
  EXPECT_NE(image_path, thumb_path);
  // Kept under the configured folder.
  EXPECT_TRUE(fs::is_regular_file(dir_ / "uploads" / image_path.substr(9)));

  auto image = server_->http().get(image_path);
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(image.header("content-type"), "image/webp");
  EXPECT_EQ(image.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(image.header("x-content-type-options"), "nosniff");
  EXPECT_TRUE(image.body.starts_with("RIFF") && image.body.substr(8, 4) == "WEBP");
  EXPECT_EQ(size_of(image.body), std::make_pair(800, 600));
  const std::string etag = image.header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = server_->http().request("GET", image_path, {}, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  auto thumb = server_->http().get(thumb_path);
  ASSERT_EQ(thumb.status, 200);
  EXPECT_EQ(size_of(thumb.body), std::make_pair(480, 360));

  // The same picture again is the same file.
  auto twice = upload_image(png(800, 600));
  ASSERT_EQ(twice.status, 201);
  EXPECT_EQ(twice.json().at("imagePath").as_string(), image_path);

  // Recorded in the audit trail as the admin's action.
  auto log = server_->http().get("/api/admin/audit-log?entity_type=upload", admin_);
  ASSERT_EQ(log.status, 200) << log.body;
  const auto& entries = log.json().at("data").as_array();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries.at(0).at("action").as_string(), "upload.create");
  EXPECT_TRUE(contains(json::serialize(entries.at(0)), image_path));
}

TEST_F(UploadTest, MetadataIsStrippedAndOrientationApplied) {
  server();
  Image base = grey(40, 20);
  VipsImage* copy = nullptr;
  ASSERT_EQ(vips_copy(base.get(), &copy, nullptr), 0);
  Image tagged(copy);
  vips_image_set_string(tagged.get(), "exif-ifd0-ImageDescription", "SECRET-MARKER-42");
  vips_image_set_int(tagged.get(), "orientation", 6);  // rotate 90 degrees to display
  const std::string jpeg = saved(tagged.get(), "jpeg");
  ASSERT_TRUE(contains(jpeg, "SECRET-MARKER-42"));  // the test sends what it claims to

  auto r = upload(form("image", jpeg, "photo.jpg", "image/jpeg"), admin_);
  ASSERT_EQ(r.status, 201) << r.body;
  auto served = server_->http().get(std::string(r.json().at("imagePath").as_string()));
  ASSERT_EQ(served.status, 200);
  EXPECT_FALSE(contains(served.body, "SECRET-MARKER-42"));
  EXPECT_FALSE(contains(served.body, "Exif"));
  EXPECT_EQ(size_of(served.body), std::make_pair(20, 40));  // upright
}

TEST_F(UploadTest, LargePicturesAreFittedAndGifKeepsItsFirstFrame) {
  server();
  auto r = upload_image(png(3000, 1000));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("data").at("width").as_int64(), 2560);
  EXPECT_EQ(r.json().at("data").at("thumbnailWidth").as_int64(), 480);
  auto thumb = server_->http().get(std::string(r.json().at("thumbnailPath").as_string()));
  EXPECT_EQ(size_of(thumb.body), std::make_pair(480, 160));

  auto gif = upload(form("image", saved(grey(30, 30).get(), "gif"), "a.gif", "image/gif"), admin_);
  ASSERT_EQ(gif.status, 201) << gif.body;
  EXPECT_EQ(gif.json().at("data").at("sourceFormat").as_string(), "gif");
}

TEST_F(UploadTest, WhatIsNotAnImageIsRefused) {
  server();
  // A text file named .png, sent as image/png: judged by its bytes.
  auto text = upload(form("image", "just some text, not a picture\n"), admin_);
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(text.error_code(), "UNSUPPORTED_IMAGE_TYPE");
  // SVG is an image libvips could read, but it is a document with scripts: not accepted.
  auto svg =
      upload(form("image", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
                  "x.svg", "image/svg+xml"),
             admin_);
  EXPECT_EQ(svg.status, 415);
  EXPECT_EQ(svg.error_code(), "UNSUPPORTED_IMAGE_TYPE");
  // A real PNG cut in half: the right format, undecodable pixels.
  const std::string whole = png(200, 200);
  auto cut = upload_image(whole.substr(0, whole.size() / 2));
  EXPECT_EQ(cut.status, 422) << cut.body;
  EXPECT_EQ(cut.error_code(), "IMAGE_UNREADABLE");
  auto empty = upload(form("image", ""), admin_);
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(empty.json().at("error").at("details").at(0).at("code").as_string(), "EMPTY");
  // Nothing was kept.
  EXPECT_FALSE(fs::exists(dir_ / "uploads") && !fs::is_empty(dir_ / "uploads"));
}

TEST_F(UploadTest, HugeDimensionsAreRefusedFromTheHeaderAlone) {
  server();
  const std::string bomb = png_claiming(100000, 100000);
  ASSERT_LT(bomb.size(), 200u);
  ASSERT_EQ(size_of(bomb), std::make_pair(100000, 100000));  // the header says so
  const auto started = std::chrono::steady_clock::now();
  auto r = upload_image(bomb);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.error_code(), "IMAGE_TOO_LARGE");
  // 10^10 pixels were never decoded (that would take minutes and 30 GB).
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  auto wide = upload_image(png_claiming(20000, 10));
  EXPECT_EQ(wide.error_code(), "IMAGE_TOO_LARGE");
}

TEST_F(UploadTest, OversizeBodiesAreRefusedWith413BeforeTheyAreRead) {
  server([](Config& c) { c.max_upload_bytes = 64 << 10; });
  auto big = upload(form("image", std::string(200 << 10, 'x')), admin_);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.error_code(), "PAYLOAD_TOO_LARGE");
  // Announced as 100 MiB and never sent: the answer comes from the header alone.
  auto announced = server_->http().raw(
      "POST /api/upload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin_ +
      "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 104857600\r\n\r\n");
  EXPECT_EQ(announced.status, 413);
  // Within the upload limit but over every other route's (1 MiB): only the
  // upload routes take large bodies.
  server_.reset();
  server();
  const std::string two_mib(2 << 20, ' ');
  auto login = server_->http().request("POST", "/api/auth/login", two_mib,
                                       {{"Content-Type", "application/json"}});
  EXPECT_EQ(login.status, 413);
  auto upload_ok = upload(form("image", png(64, 64) + std::string()), admin_);
  EXPECT_EQ(upload_ok.status, 201);
}

TEST_F(UploadTest, MalformedFormsAreRefused) {
  server();
  auto json_body = server_->http().post("/api/upload", json::object{{"image", "x"}}, admin_);
  EXPECT_EQ(json_body.status, 415);
  auto other_field = upload(form("file", png(10, 10)), admin_);
  EXPECT_EQ(other_field.status, 422);
  EXPECT_EQ(other_field.json().at("error").at("details").at(0).at("field").as_string(), "image");
  const std::string part = std::string("--") + kBoundary +
                           "\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\n" +
                           png(10, 10) + "\r\n";
  auto twice = upload(part + part + "--" + kBoundary + "--\r\n", admin_);
  EXPECT_EQ(twice.status, 400);
  EXPECT_EQ(twice.error_code(), "BAD_MULTIPART");
  auto unterminated = upload(part, admin_);
  EXPECT_EQ(unterminated.status, 400);
  auto no_boundary =
      upload(form("image", png(10, 10)), admin_, "/api/upload", "multipart/form-data");
  EXPECT_EQ(no_boundary.status, 400);
}

TEST_F(UploadTest, OnlyAdminsUploadAndUsersSetTheirOwnAvatar) {
  server();
  const std::string user = server_->register_user("ava@example.com");
  EXPECT_EQ(upload(form("image", png(10, 10)), "").status, 401);
  EXPECT_EQ(upload(form("image", png(10, 10)), user).status, 403);
  EXPECT_EQ(upload(form("image", png(10, 10)), "", "/api/users/avatar").status, 401);

  auto avatar = upload(form("image", png(1200, 900)), user, "/api/users/avatar");
  ASSERT_EQ(avatar.status, 201) << avatar.body;
  EXPECT_EQ(avatar.json().at("data").at("width").as_int64(), 512);
  EXPECT_EQ(avatar.json().at("data").at("thumbnailWidth").as_int64(), 128);
  const std::string path(avatar.json().at("imagePath").as_string());
  auto profile = server_->http().put("/api/users/profile", {{"avatar_url", path}}, user);
  ASSERT_EQ(profile.status, 200) << profile.body;
  EXPECT_EQ(profile.json().at("data").at("user").at("avatar_url").as_string(), path);
  // Only our own upload paths, not any site path.
  EXPECT_EQ(server_->http()
                .put("/api/users/profile", {{"avatar_url", "/uploads/../x.webp"}}, user)
                .status,
            422);

  // An avatar has a smaller bound than an admin upload (2 MiB).
  auto big = upload(form("image", std::string(3 << 20, 'x')), user, "/api/users/avatar");
  EXPECT_EQ(big.status, 413);
  // Not audited: a user's own avatar is no admin action.
  auto log = server_->http().get("/api/admin/audit-log?entity_type=upload", admin_);
  EXPECT_EQ(log.json().at("data").as_array().size(), 0u);
}

TEST_F(UploadTest, UploadsPerAccountAreRateLimited) {
  server([](Config& c) { c.uploads_per_user_hour = 2; });
  EXPECT_EQ(upload_image(png(10, 10)).status, 201);
  EXPECT_EQ(upload_image(png(11, 10)).status, 201);
  auto third = upload_image(png(12, 10));
  EXPECT_EQ(third.status, 429);
  EXPECT_FALSE(third.header("retry-after").empty());
  server_->clock().advance(std::chrono::hours(1));
  EXPECT_EQ(upload_image(png(13, 10)).status, 201);
}

TEST_F(UploadTest, OnlyStoredNamesAreServed) {
  server();
  auto r = upload_image(png(10, 10));
  ASSERT_EQ(r.status, 201);
  // A file beside the uploads folder that must never be reachable.
  std::ofstream(dir_ / "secret.txt") << "TOP-SECRET";
  std::ofstream(dir_ / "uploads" / "notes.webp") << "TOP-SECRET";
  for (const char* target :
       {"/uploads/../secret.txt", "/uploads/..%2fsecret.txt", "/uploads/%2e%2e%2fsecret.txt",
        "/uploads/notes.webp", "/uploads/", "/uploads/0123456789abcdef0123456789abcdef.webp",
        "/uploads/0123456789ABCDEF0123456789ABCDEF.webp"}) {
    auto g = server_->http().get(target);
    EXPECT_TRUE(g.status == 404 || g.status == 400) << target << " " << g.status;
    EXPECT_FALSE(contains(g.body, "TOP-SECRET")) << target;
  }
}

}  // namespace
}  // namespace evient::test
