// swift-tools-version: 6.1
// Atrium — a self-hosted platform for model-based decision apps.
// Targets follow shared DESIGN §1: imports only point down Store → Catalog → Sessions → Gateway → atrium.
import PackageDescription

let package = Package(
    name: "Atrium",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "atrium", targets: ["atrium"]),
        .library(name: "Store", targets: ["Store"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        // Header-only shims for Linux calls Swift cannot reach directly (renameat2, variadic open).
        .systemLibrary(name: "CAtriumShims"),
        .target(
            name: "Store",
            dependencies: [
                "CZstd", "CArchive", "CAtriumShims",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "atrium",
            dependencies: [
                "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", .product(name: "Crypto", package: "swift-crypto")]
        ),
    ]
)
