// swift-tools-version:6.0
// A libFuzzer target for okr's YAML layer, OKR decoding and every renderer; see Fuzz/README.md.
// Kept apart from the main package: a fuzz entry point has no main() and does
// not link in an ordinary build.
import PackageDescription

let package = Package(
  name: "OKRFuzz",
  dependencies: [.package(name: "okr", path: "..")],
  targets: [
    .executableTarget(
      name: "OKRFuzz",
      dependencies: [
        .product(name: "YAMLKit", package: "okr"),
        .product(name: "OKRCore", package: "okr"),
        .product(name: "OKRFiles", package: "okr"),
        .product(name: "OKRReports", package: "okr"),
      ]
    )
  ]
)
