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
        .library(name: "Catalog", targets: ["Catalog"]),
        .library(name: "Sessions", targets: ["Sessions"]),
        .library(name: "Gateway", targets: ["Gateway"]),
        .executable(name: "atrium-runtime-mathprog", targets: ["atrium-runtime-mathprog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        // Catalog (admin database): one SQL code path through SQLKit for SQLite and PostgreSQL.
        .package(url: "https://github.com/vapor/sql-kit.git", exact: "3.36.0"),
        // Already in the graph through the SQL drivers; named so Catalog may import NIOPosix.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", exact: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", exact: "2.17.0"),
        // In the graph through the SQL drivers; named because Catalog imports AsyncKit (the SQLite pool).
        .package(url: "https://github.com/vapor/async-kit.git", exact: "1.22.0"),
        // In the graph through Hummingbird; named because the gateway and the runtime import HTTPTypes.
        .package(url: "https://github.com/apple/swift-http-types.git", exact: "1.8.0"),
        // Only for its HummingbirdBcrypt product (bcrypt without HTTP).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", exact: "2.5.0"),
        // Gateway
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", exact: "1.21.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
        // Portal pages are Mustache templates.
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
        // The reference runtime's editor socket (and the proxy tests' stand-in session).
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", exact: "2.8.1"),
        // In the graph through Hummingbird; named because the gateway's HTTPS listener sets up HTTP/1
        // with its own WebSocket upgrade (the proxy's glue) the way Hummingbird's channels do.
        .package(url: "https://github.com/apple/swift-nio-extras.git", exact: "1.35.2"),
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
        // Starting runtime processes (vfork + exec with limits); kept apart from CAtriumShims,
        // which defines _GNU_SOURCE, so that sys/resource.h means the same as in Swift's Glibc.
        .systemLibrary(name: "CAtriumSpawn"),
        // The sandbox's system-call filter (Sessions/Sandbox/SeccompFilter.swift), handed to bwrap.
        .systemLibrary(
            name: "CSeccomp",
            pkgConfig: "libseccomp",
            providers: [.apt(["libseccomp-dev"])]
        ),
        .target(
            name: "Store",
            dependencies: [
                "CZstd", "CArchive", "CAtriumShims",
                .product(name: "Crypto", package: "swift-crypto"),
                // The blocking executor's catalog lane is the NIOThreadPool SQLiteKit wants.
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The admin database (DESIGN §3): schema, migrations, repositories. Store for types only; no HTTP.
        .target(
            name: "Catalog",
            dependencies: [
                "Store",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Runtime contract, process supervision, data sessions, job queue, licensing (DESIGN §5). No HTTP server.
        .target(
            name: "Sessions",
            dependencies: [
                "Store", "Catalog", "CAtriumSpawn", "CSeccomp",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Gateway",
            dependencies: [
                "Store", "Catalog", "Sessions",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The proxy checks the browser's WebSocket handshake, then passes bytes (ProxiedSocket).
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "atrium",
            dependencies: [
                "Store",
                "Gateway",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // bench/executor: catalog read latency beside log-ons, separate lanes vs. one shared pool.
        .executableTarget(
            name: "atrium-bench-executor",
            dependencies: [
                "Catalog", "Store",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "bench/ExecutorBench"
        ),
        // The reference runtime (DESIGN §5): GLPK MathProg apps with a small web UI. Knows the
        // runtime contract and the gateway's public API, nothing of Atrium's code.
        .executableTarget(
            name: "atrium-runtime-mathprog",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The harness the test targets share: headless Chromium over WebDriver, free ports.
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "SessionsTests",
            dependencies: ["Sessions", "Catalog", "Store", .product(name: "Logging", package: "swift-log")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RuntimeTests",
            dependencies: [
                // For unit tests of the case format, the data section and glpsol's output; the
                // behaviour tests run the built binary as a process.
                "atrium-runtime-mathprog", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "StoreTests",
            // CArchive: the hostile-archive tests write archives with libarchive itself.
            dependencies: ["Store", "CArchive", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "CatalogTests",
            dependencies: [
                "Catalog", "Store",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A real 3-node cluster (`atrium serve` processes, private PostgreSQL, the SMB share):
        // runs the built binary, so it needs no product code; scripts/test runs it on its own.
        .testTarget(
            name: "ClusterTests",
            dependencies: [
                "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "Store", "Catalog", "Sessions", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The proxy tests run a stand-in session (WebSocket server) and a raw WebSocket client.
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
