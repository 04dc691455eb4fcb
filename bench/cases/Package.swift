// swift-tools-version: 6.1
// Case benchmark: saves N versions of a generated CSV table through CaseStore and compares with
// the zstd CLI side by side. Separate package so the main build stays free of it.
//   cd bench/cases && swift run -c release case-bench [--mib 64] [--versions 20] [--change 0.01]
import PackageDescription

let package = Package(
    name: "CaseBench",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Atrium", path: "../..")],
    targets: [
        .executableTarget(name: "case-bench", dependencies: [.product(name: "Store", package: "Atrium")], path: "Sources/CaseBench"),
    ]
)
