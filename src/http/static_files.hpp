#pragma once
// The web app's files, read into memory once at start and served with the
// headers a browser needs: exact content types, strong ETags (304 on a match),
// `immutable` caching for content-hashed names under /assets/, the build's
// precompressed .br/.gz twins when the client accepts them, and a
// Content-Security-Policy that allows our own origin only. Any path that is
// not a file and has no extension is a client-side route: it gets index.html.
// /api/* never reaches this (its misses stay JSON 404 envelopes).
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace evient::http {

// Whether an If-None-Match header (a list of entity tags, weak or strong, or
// "*") matches `etag`: then the answer is 304. Null header: no match.
bool etag_matches(const std::string* if_none_match, const std::string& etag);

class StaticFiles {
 public:
  // Throws std::runtime_error when the folder has no index.html.
  explicit StaticFiles(const std::filesystem::path& root);

  // A response for GET/HEAD of `request.path`, or nothing when the path is not ours.
  std::optional<Response> serve(const Request& request) const;
  // The file at `url_path` (e.g. "/api-docs/index.html") for a GET/HEAD of a
  // server route that shows a page of the build; nothing when the build has none.
  std::optional<Response> serve_file(const Request& request, std::string_view url_path) const;

  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string gzip;    // empty when the build made no twin
    std::string brotli;  // idem
    std::string etag;
    bool immutable = false;
    bool html = false;
  };

  Response respond(const Request& request, const File& file) const;

  std::map<std::string, File, std::less<>> files_;  // by URL path, "/assets/app-1a2b.css"
};

// Whether a path belongs to the server rather than the web app.
bool is_server_path(std::string_view path);

}  // namespace evient::http
