// Where uploads are kept and how large they may be: the configuration side of
// the image uploads.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/config.hpp"

namespace evient {
namespace {

TEST(UploadConfigTest, UploadsLiveBesideTheSqliteFileUnlessConfigured) {
  Config c;
  c.db = "data/evient.db";
  EXPECT_EQ(upload_directory(c), "data/uploads");
  c.db = "/var/lib/evient/main.db";
  EXPECT_EQ(upload_directory(c), "/var/lib/evient/uploads");
  c.db = "evient.db";
  EXPECT_EQ(upload_directory(c), "uploads");
  c.db = "postgres://u:p@db:5432/evient";
  EXPECT_EQ(upload_directory(c), "data/uploads");
  c.upload_dir = "/srv/shared/uploads";
  EXPECT_EQ(upload_directory(c), "/srv/shared/uploads");
}

TEST(UploadConfigTest, FlagsSetTheUploadBounds) {
  Config c = load_config(
      {"--upload-dir", "/srv/evient/uploads", "--max-upload-bytes=2097152", "--upload-rate", "5"},
      nullptr);
  EXPECT_EQ(c.upload_dir, "/srv/evient/uploads");
  EXPECT_EQ(c.max_upload_bytes, 2u << 20);
  EXPECT_EQ(c.uploads_per_user_hour, 5);
  EXPECT_EQ(load_config({}, nullptr).max_upload_bytes, 8u << 20);
  EXPECT_THROW(load_config({"--max-upload-bytes=10"}, nullptr), std::invalid_argument);
  EXPECT_THROW(load_config({"--max-upload-bytes=999999999999"}, nullptr), std::invalid_argument);
  EXPECT_THROW(load_config({"--upload-rate=0"}, nullptr), std::invalid_argument);
}

}  // namespace
}  // namespace evient
