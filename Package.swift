// swift-tools-version:6.0
import PackageDescription

// Data flows one way, and the targets show it:
// files -> YAMLKit (over the CLibYAML system library) -> OKRFiles -> OKRCore -> OKRReports -> OKRWorkspace -> okr.
let package = Package(
  name: "okr",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "okr", targets: ["okr"]),
    .library(name: "YAMLKit", targets: ["YAMLKit"]),
    .library(name: "OKRCore", targets: ["OKRCore"]),
    .library(name: "OKRFiles", targets: ["OKRFiles"]),
    .library(name: "OKRReports", targets: ["OKRReports"]),
    .library(name: "OKRWorkspace", targets: ["OKRWorkspace"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // Tests only: a real CSV reader checks `okr score --format csv` (quoting, not just splitting).
    .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),
    .target(name: "YAMLKit", dependencies: ["CLibYAML"]),
    .target(name: "OKRCore"),
    .target(name: "OKRFiles", dependencies: ["YAMLKit", "OKRCore"]),
    // YAMLKit for one thing only: DisplayText's rule of which characters are unsafe to print, shared by every output.
    .target(name: "OKRReports", dependencies: ["OKRCore", "YAMLKit"]),
    // One run of a command: options -> load -> validate -> scope -> the report value. Commands sit on it.
    .target(name: "OKRWorkspace", dependencies: ["YAMLKit", "OKRCore", "OKRFiles", "OKRReports"]),
    // The executable is a table of contents: it sees the domain, the reports and the workspace, never
    // the files' or libyaml's layers, so every command loads, validates and scopes through one place.
    .executableTarget(
      name: "okr",
      dependencies: [
        "OKRCore", "OKRReports", "OKRWorkspace",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Shared by the test targets: paths to fixtures, golden-file comparison, running the binary.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    // Tests only: a log writer (or an import) that dies at a chosen stage, to prove a killed writer loses nothing.
    .executableTarget(name: "okr-stopped-writer", dependencies: ["OKRFiles", "OKRCore"], path: "Tests/StoppedWriter"),
    .testTarget(name: "YAMLKitTests", dependencies: ["YAMLKit"]),
    .testTarget(name: "OKRCoreTests", dependencies: ["OKRCore", "TestSupport"]),
    .testTarget(
      name: "OKRFilesTests",
      dependencies: ["OKRFiles", "YAMLKit", "OKRCore", "OKRReports", "TestSupport", "okr-stopped-writer"]),
    // OKRFiles and TestSupport load real fixtures whose reports' JSON is checked against Foundation's.
    .testTarget(
      name: "OKRReportsTests", dependencies: ["OKRReports", "OKRCore", "OKRFiles", "YAMLKit", "TestSupport"]),
    .testTarget(
      name: "okrTests",
      dependencies: [
        "okr", "TestSupport", "YAMLKit", "okr-stopped-writer", .product(name: "SwiftCSV", package: "SwiftCSV"),
      ]
    ),
  ]
)
