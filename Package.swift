// swift-tools-version: 6.1
import PackageDescription

/// The onegate service set: eight executables over shared libraries.
/// See `../shared/spec/ARCHITECTURE.md` (and `docs/`) for the design.

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

func service(_ name: String, folder: String, extra: [Target.Dependency] = [], resources: [Resource]? = nil) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["ServiceKit", "Contracts", "Domain", "Messaging", "Storage",
                       .product(name: "PostgresNIO", package: "postgres-nio")] + extra,
        path: "Services/\(folder)",
        resources: resources,
        swiftSettings: swiftSettings
    )
}

let package = Package(
    name: "onegate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gateway", targets: ["gateway"]),
        .executable(name: "identity", targets: ["identity"]),
        .executable(name: "catalog", targets: ["catalog"]),
        .executable(name: "intake", targets: ["intake"]),
        .executable(name: "processing", targets: ["processing"]),
        .executable(name: "documents", targets: ["documents"]),
        .executable(name: "reporting", targets: ["reporting"]),
        .executable(name: "integration", targets: ["integration"]),
        .executable(name: "onegate-admin", targets: ["onegate-admin"]),
        .executable(name: "onegate-bench", targets: ["onegate-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CRabbitMQ",
            path: "Shared/CRabbitMQ",
            pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]
        ),
        .systemLibrary(
            name: "CArgon2",
            path: "Shared/CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        .systemLibrary(
            name: "CCairo",
            path: "Shared/CCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .systemLibrary(
            name: "CQREncode",
            path: "Shared/CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            path: "Shared/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "CRabbitMQShim",
            dependencies: ["CRabbitMQ"],
            path: "Shared/CRabbitMQShim"
        ),
        .target(
            name: "HostStats",
            path: "Shared/HostStats",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Domain",
            path: "Shared/Domain",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Forms",
            dependencies: ["CCairo", "CQREncode"],
            path: "Shared/Forms",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Contracts",
            dependencies: ["Domain"],
            path: "Shared/Contracts",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Messaging",
            dependencies: [
                "CRabbitMQ", "CRabbitMQShim", "Contracts",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Shared/Messaging",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Storage",
            dependencies: [
                "Messaging", "Contracts", "Domain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Storage",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ServiceKit",
            dependencies: [
                "Messaging", "Storage", "Contracts", "Domain", "HostStats",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            path: "Shared/ServiceKit",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OnegateWeb",
            dependencies: [
                "Domain", "Contracts",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Services/Web",
            resources: [.copy("Templates"), .copy("Assets"), .copy("Catalogs")],
            swiftSettings: swiftSettings
        ),
        service("gateway", folder: "Gateway", extra: [
            "OnegateWeb",
            "Forms",
            .product(name: "MultipartKit", package: "multipart-kit"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Resources/openapi.json")]),
        service("identity", folder: "Identity", extra: [
            "CArgon2",
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Migrations")]),
        service("catalog", folder: "Catalog", extra: [
            .product(name: "CSV", package: "CSV.swift"),
        ], resources: [.copy("Migrations")]),
        service("intake", folder: "Intake", extra: [
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Migrations")]),
        service("processing", folder: "Processing", extra: [
            "Forms",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], resources: [.copy("Migrations")]),
        service("documents", folder: "Documents", extra: [
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], resources: [.copy("Migrations")]),
        service("reporting", folder: "Reporting", extra: ["HostStats"], resources: [.copy("Migrations")]),
        service("integration", folder: "Integration", extra: [
            "CCurl",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], resources: [.copy("Migrations")]),
        .executableTarget(
            name: "onegate-admin",
            dependencies: [
                "Messaging", "ServiceKit", "Contracts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tools/Admin",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "onegate-bench",
            dependencies: [
                "HostStats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tools/Bench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DomainTests",
            dependencies: ["Domain", "Contracts", "Storage"],
            path: "Tests/DomainTests"
        ),
        .testTarget(
            name: "WebTests",
            dependencies: ["OnegateWeb"],
            path: "Tests/WebTests"
        ),
        .testTarget(
            name: "FormsTests",
            dependencies: ["Forms"],
            path: "Tests/FormsTests"
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "Messaging", "Storage", "ServiceKit", "Contracts", "Domain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/IntegrationTests"
        ),
    ]
)
