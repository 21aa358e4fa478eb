// Image uploads: POST /api/upload (admin: banners, event images),
// POST /api/users/avatar (a signed-in user's own avatar), and
// GET /uploads/:name, which serves what they stored.
#include <boost/json.hpp>

#include "api/routes.hpp"
#include "core/errors.hpp"
#include "http/multipart.hpp"
#include "http/static_files.hpp"
#include "services/image_service.hpp"

namespace evient::api {
namespace json = boost::json;
namespace {

// The form field the React client (and ours) sends the file in.
constexpr const char* kField = "image";

// The spec's envelope, with the result also at the top level as
// {status: "success", imagePath} because that is where the React client's
// upload service reads it.
http::Response stored_response(const StoredImage& s) {
  json::object data{{"imagePath", s.image_path},
                    {"thumbnailPath", s.thumbnail_path},
                    {"width", s.width},
                    {"height", s.height},
                    {"thumbnailWidth", s.thumbnail_width},
                    {"thumbnailHeight", s.thumbnail_height},
                    {"bytes", s.bytes},
                    {"sourceFormat", s.source_format}};
  json::object envelope{{"success", true},           {"status", "success"},
                        {"imagePath", s.image_path}, {"thumbnailPath", s.thumbnail_path},
                        {"data", std::move(data)},   {"message", "Image uploaded"},
                        {"error", nullptr}};
  http::Response r;
  r.status = 201;
  r.body = json::serialize(envelope);
  return r;
}

std::string_view image_bytes(const std::vector<http::MultipartPart>& parts) {
  return http::single_part(parts, kField).data;
}

}  // namespace

void register_upload_routes(http::Router& r, ImageService& images) {
  r.post("/api/upload", http::Access::Admin, [&images](http::Request& req) {
    const auto parts = http::read_multipart(req);
    return stored_response(images.store_upload(req.user().user_id, image_bytes(parts)));
  });

  r.post("/api/users/avatar", http::Access::User, [&images](http::Request& req) {
    const auto parts = http::read_multipart(req);
    return stored_response(images.store_avatar(req.user().user_id, image_bytes(parts)));
  });

  r.get("/uploads/:name", http::Access::Public, [&images](http::Request& req) {
    auto image = images.read(req.param("name"));
    if (!image) throw NotFound("No such image", "IMAGE_NOT_FOUND");
    http::Response res;
    res.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
    res.headers.emplace_back("ETag", image->etag);
    res.headers.emplace_back("X-Content-Type-Options", "nosniff");
    // Served as an image only, never as a document that could run script.
    res.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
    res.headers.emplace_back("Cross-Origin-Resource-Policy", "cross-origin");
    if (http::etag_matches(req.header("if-none-match"), image->etag)) {
      res.status = 304;
      res.content_type.clear();
      return res;
    }
    res.content_type = image->content_type;
    res.body = std::move(image->body);
    return res;
  });
}

}  // namespace evient::api
