// The multipart/form-data reader: boundaries, quoted parameters, CRLF line
// ends, missing and duplicate fields, bounds and malformed bodies.
#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/errors.hpp"

namespace evient::http {
namespace {

// The status and code an ApiError thrown by `f` carries ("" when none is thrown).
template <class F>
std::string failure(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return std::to_string(e.status()) + " " + e.code();
  }
  return "";
}

std::string part(const std::string& boundary, const std::string& headers, const std::string& data) {
  return "--" + boundary + "\r\n" + headers + "\r\n\r\n" + data + "\r\n";
}

TEST(MultipartBoundaryTest, ReadsPlainAndQuotedBoundaries) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc123"), "abc123");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data;boundary=\"a b'c(d)\""), "a b'c(d)");
  EXPECT_EQ(
      multipart_boundary("multipart/form-data; charset=utf-8; BOUNDARY=----WebKitFormBoundaryx"),
      "----WebKitFormBoundaryx");
}

TEST(MultipartBoundaryTest, RefusesOtherMediaTypesWith415) {
  EXPECT_EQ(failure([] { multipart_boundary("application/json"); }), "415 UNSUPPORTED_MEDIA_TYPE");
  EXPECT_EQ(failure([] { multipart_boundary("multipart/mixed; boundary=x"); }),
            "415 UNSUPPORTED_MEDIA_TYPE");
  EXPECT_EQ(failure([] { multipart_boundary("image/png"); }), "415 UNSUPPORTED_MEDIA_TYPE");
}

TEST(MultipartBoundaryTest, RefusesMissingOrInvalidBoundaries) {
  EXPECT_EQ(failure([] { multipart_boundary("multipart/form-data"); }), "400 BAD_MULTIPART");
  EXPECT_EQ(failure([] { multipart_boundary("multipart/form-data; boundary=\"\""); }),
            "400 BAD_MULTIPART");
  EXPECT_EQ(failure([] { multipart_boundary("multipart/form-data; boundary=\"ends \""); }),
            "400 BAD_MULTIPART");
  EXPECT_EQ(
      failure([] { multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')); }),
      "400 BAD_MULTIPART");
  EXPECT_EQ(failure([] { multipart_boundary("multipart/form-data; boundary=\"a\\\"b\""); }),
            "400 BAD_MULTIPART");
  EXPECT_EQ(failure([] { multipart_boundary("multipart/form-data; boundary=a; boundary=b"); }),
            "400 BAD_MULTIPART");
  EXPECT_EQ(failure([] { multipart_boundary("multipart/form-data; boundary=\"open"); }),
            "400 BAD_MULTIPART");
}

TEST(MultipartParseTest, ReadsFieldsFilesAndBinaryData) {
  const std::string binary("\x89PNG\r\n\x1a\n\0\r\n--x", 15);
  const std::string body =
      part("XyZ", "Content-Disposition: form-data; name=\"title\"", "Hello") +
      part("XyZ",
           "content-disposition: form-data; name=\"image\"; filename=\"a \\\"b\\\".png\"\r\n"
           "Content-Type: Image/PNG",
           binary) +
      "--XyZ--\r\n";
  auto parts = parse_multipart(body, "XyZ");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "title");
  EXPECT_FALSE(parts[0].filename.has_value());
  EXPECT_EQ(parts[0].data, "Hello");
  EXPECT_EQ(parts[1].name, "image");
  EXPECT_EQ(parts[1].filename.value_or(""), "a \"b\".png");
  EXPECT_EQ(parts[1].content_type, "image/png");
  EXPECT_EQ(parts[1].data, binary);
  EXPECT_EQ(&single_part(parts, "image"), &parts[1]);
}

TEST(MultipartParseTest, AcceptsEmptyDataPaddingAndNoFinalCrlf) {
  const std::string body = "--b  \r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n--b--";
  auto parts = parse_multipart(body, "b");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].name, "a");
  EXPECT_EQ(parts[0].data, "");
}

TEST(MultipartParseTest, MissingAndDuplicateFields) {
  const std::string one =
      part("b", "Content-Disposition: form-data; name=\"other\"", "x") + "--b--";
  auto parts = parse_multipart(one, "b");
  EXPECT_EQ(failure([&] { single_part(parts, "image"); }), "422 VALIDATION_FAILED");
  const std::string two = part("b", "Content-Disposition: form-data; name=\"image\"", "x") +
                          part("b", "Content-Disposition: form-data; name=\"image\"", "y") +
                          "--b--";
  auto dup = parse_multipart(two, "b");
  EXPECT_EQ(failure([&] { single_part(dup, "image"); }), "400 BAD_MULTIPART");
}

TEST(MultipartParseTest, RefusesMalformedBodies) {
  const std::string cd = "Content-Disposition: form-data; name=\"image\"";
  const auto bad = [](const std::string& body) {
    return failure([&] { parse_multipart(body, "b"); });
  };
  EXPECT_EQ(bad(""), "400 BAD_MULTIPART");
  EXPECT_EQ(bad("preamble\r\n" + part("b", cd, "x") + "--b--"), "400 BAD_MULTIPART");
  EXPECT_EQ(bad(part("b", cd, "x")), "400 BAD_MULTIPART");                    // no close
  EXPECT_EQ(bad("--b\n" + cd + "\n\nx\n--b--"), "400 BAD_MULTIPART");         // bare LF
  EXPECT_EQ(bad("--b\r\n" + cd + "\r\nx\r\n--b--"), "400 BAD_MULTIPART");     // no blank line
  EXPECT_EQ(bad(part("b", cd, "x") + "--b--trailing"), "400 BAD_MULTIPART");  // epilogue
  EXPECT_EQ(bad(part("b", cd, "x") + "--bb\r\n--b--"), "400 BAD_MULTIPART");  // longer boundary
  EXPECT_EQ(bad(part("b", "Content-Disposition: attachment; name=\"image\"", "x") + "--b--"),
            "400 BAD_MULTIPART");
  EXPECT_EQ(bad(part("b", "Content-Disposition: form-data", "x") + "--b--"), "400 BAD_MULTIPART");
  EXPECT_EQ(bad(part("b", "Content-Disposition: form-data; name=\"a\"; name=\"b\"", "x") + "--b--"),
            "400 BAD_MULTIPART");
  EXPECT_EQ(bad(part("b", cd + "\r\n" + cd, "x") + "--b--"), "400 BAD_MULTIPART");
  EXPECT_EQ(bad(part("b", cd + "\r\n folded", "x") + "--b--"), "400 BAD_MULTIPART");
  EXPECT_EQ(bad(part("b", cd + "\r\nContent-Transfer-Encoding: base64", "x") + "--b--"),
            "400 BAD_MULTIPART");
  EXPECT_EQ(bad(part("b", "Content-Disposition: form-data; name=\"a\r\"", "x") + "--b--"),
            "400 BAD_MULTIPART");
  EXPECT_EQ(bad("--b\r\n\r\nx\r\n--b--"), "400 BAD_MULTIPART");  // a part without headers
}

TEST(MultipartParseTest, BoundsPartsAndHeaderBytes) {
  std::string many;
  for (int i = 0; i < 3; ++i) many += part("b", "Content-Disposition: form-data; name=f", "x");
  many += "--b--";
  EXPECT_EQ(parse_multipart(many, "b", {.max_parts = 3}).size(), 3u);
  EXPECT_EQ(failure([&] { parse_multipart(many, "b", {.max_parts = 2}); }), "400 BAD_MULTIPART");
  const std::string long_header =
      part("b", "Content-Disposition: form-data; name=f\r\nX-Pad: " + std::string(5000, 'a'), "x") +
      "--b--";
  EXPECT_EQ(failure([&] { parse_multipart(long_header, "b"); }), "400 BAD_MULTIPART");
}

TEST(MultipartParseTest, ReadMultipartNeedsTheContentType) {
  Request r;
  r.body = part("b", "Content-Disposition: form-data; name=image", "x") + "--b--";
  EXPECT_EQ(failure([&] { read_multipart(r); }), "415 UNSUPPORTED_MEDIA_TYPE");
  r.headers["content-type"] = "multipart/form-data; boundary=b";
  EXPECT_EQ(read_multipart(r).size(), 1u);
}

}  // namespace
}  // namespace evient::http
