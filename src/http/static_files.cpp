#include "http/static_files.hpp"

#include <sodium.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace evient::http {
namespace fs = std::filesystem;
namespace {

// Allows our own origin only. Images may also come over https: organisers
// paste image links (avatars, banners) and an image cannot run code; scripts,
// styles, fonts and API calls stay on this origin.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https:; "
    "font-src 'self'; connect-src 'self'; media-src 'self' blob:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

std::string content_type_for(const fs::path& p) {
  static const std::map<std::string, std::string, std::less<>> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".wav", "audio/wav"},
      {".mp3", "audio/mpeg"},
      {".webmanifest", "application/manifest+json"},
  };
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string etag_of(const std::string& body) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string("\"") + hex + "\"";
}

// Whether an Accept-Encoding header accepts `coding` (a q=0 entry refuses it).
bool accepts(const std::string* header, std::string_view coding) {
  if (!header) return false;
  std::string_view h = *header;
  while (!h.empty()) {
    const std::size_t comma = h.find(',');
    std::string_view item = h.substr(0, comma);
    h = comma == std::string_view::npos ? std::string_view{} : h.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const std::size_t semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding && name != "*") continue;
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      const std::size_t q = params.find("q=");
      if (q != std::string_view::npos) {
        std::string_view v = params.substr(q + 2);
        if (!v.empty() && v.front() == '0' &&
            v.find_first_of("123456789") == std::string_view::npos) {
          return false;
        }
      }
    }
    return true;
  }
  return false;
}

}  // namespace

bool etag_matches(const std::string* header, const std::string& etag) {
  if (!header) return false;
  if (*header == "*") return true;
  std::string_view h = *header;
  while (!h.empty()) {
    const std::size_t comma = h.find(',');
    std::string_view tag = h.substr(0, comma);
    h = comma == std::string_view::npos ? std::string_view{} : h.substr(comma + 1);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

bool is_server_path(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz" || path == "/readyz";
}

StaticFiles::StaticFiles(const fs::path& root) {
  if (!fs::is_regular_file(root / "index.html")) {
    throw std::runtime_error("no index.html in web folder " + root.string());
  }
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const fs::path& p = entry.path();
    const std::string ext = p.extension().string();
    if (ext == ".gz" || ext == ".br") continue;
    std::string url = "/" + fs::relative(p, root).generic_string();
    File f;
    f.content_type = content_type_for(p);
    f.body = read_file(p);
    if (fs::is_regular_file(p.string() + ".gz")) f.gzip = read_file(p.string() + ".gz");
    if (fs::is_regular_file(p.string() + ".br")) f.brotli = read_file(p.string() + ".br");
    f.etag = etag_of(f.body);
    f.immutable = url.starts_with("/assets/");
    f.html = ext == ".html";
    files_.emplace(std::move(url), std::move(f));
  }
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (request.method != Method::Get && request.method != Method::Head) return std::nullopt;
  if (is_server_path(request.path)) return std::nullopt;
  auto it = files_.find(request.path);
  if (it != files_.end() && request.path != "/index.html") return respond(request, it->second);
  // A client-side route (/events/some-slug) has no extension in its last
  // segment; a missing file (/assets/gone.js, /favicon.ico) does, and gets a
  // plain 404 rather than an HTML page the browser would try to run.
  const std::string_view last = std::string_view(request.path).substr(request.path.rfind('/') + 1);
  if (last.find('.') != std::string_view::npos) {
    Response r;
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Not found\n";
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return r;
  }
  return respond(request, files_.at("/index.html"));
}

std::optional<Response> StaticFiles::serve_file(const Request& request,
                                                std::string_view url_path) const {
  if (request.method != Method::Get && request.method != Method::Head) return std::nullopt;
  auto it = files_.find(url_path);
  if (it == files_.end()) return std::nullopt;
  return respond(request, it->second);
}

Response StaticFiles::respond(const Request& request, const File& file) const {
  Response r;
  r.content_type = file.content_type;
  r.headers.emplace_back("ETag", file.etag);
  r.headers.emplace_back("Cache-Control", file.immutable ? "public, max-age=31536000, immutable"
                                          : file.html    ? "no-cache"
                                                         : "public, max-age=3600");
  r.headers.emplace_back("Vary", "Accept-Encoding");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (file.html) {
    r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
    r.headers.emplace_back("Referrer-Policy", "same-origin");
    r.headers.emplace_back("X-Frame-Options", "DENY");
  }
  if (etag_matches(request.header("if-none-match"), file.etag)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  const std::string* accept = request.header("accept-encoding");
  if (!file.brotli.empty() && accepts(accept, "br")) {
    r.headers.emplace_back("Content-Encoding", "br");
    r.body = file.brotli;
  } else if (!file.gzip.empty() && accepts(accept, "gzip")) {
    r.headers.emplace_back("Content-Encoding", "gzip");
    r.body = file.gzip;
  } else {
    r.body = file.body;
  }
  return r;
}

}  // namespace evient::http
