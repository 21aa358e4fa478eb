# Turns the OpenAPI source files (src/api/openapi/openapi.json and one file per
# area under paths/) into a C++ table {name, text}; api/openapi.cpp merges them
# into the one document at start. Called at build time.
set(content "// Generated from src/api/openapi/**/*.json. Do not edit.\n#include \"api/openapi.hpp\"\nnamespace evient::api {\nconst std::vector<OpenApiPart>& embedded_openapi_parts() {\n  static const std::vector<OpenApiPart> kParts = {\n")
string(REPLACE "|" ";" FILES "${FILES}")
foreach(f ${FILES})
  file(RELATIVE_PATH name ${ROOT} ${f})
  file(READ ${f} text)
  string(APPEND content "    {\"${name}\", R\"evient_openapi(${text})evient_openapi\"},\n")
endforeach()
string(APPEND content "  };\n  return kParts;\n}\n}  // namespace evient::api\n")
file(WRITE ${OUT}.tmp "${content}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
