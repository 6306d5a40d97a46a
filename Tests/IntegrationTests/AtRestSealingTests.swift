import Crypto
import Foundation
import ServiceKit
import Testing

/// The at-rest sealing of secrets (pure: no infrastructure needed).
@Suite struct AtRestSealingTests {
    static func key() throws -> AtRestSealer.DataKey { try AtRestSealer.DataKey(SymmetricKey(size: .bits256)) }
    static func base64(_ key: SymmetricKey) -> String { key.withUnsafeBytes { Data($0) }.base64EncodedString() }
    let context = "identity.signing_keys.private_key_pem/es256-1a2b3c4d"

    @Test func aSealedValueOpensToItsPlaintextAndDoesNotContainIt() throws {
        let sealer = AtRestSealer(current: try Self.key())
        let secret = "whsec_" + String(repeating: "k", count: 40)
        let sealed = try sealer.seal(secret, context: context)
        #expect(AtRestSealer.isSealed(sealed) && !sealed.contains(secret) && !sealed.contains("whsec_"))
        #expect(sealed.hasPrefix("ogs1:\(sealer.current.id):"))
        #expect(try sealer.openString(sealed, context: context) == secret)
        #expect(try sealer.seal(secret, context: context) != sealed, "a fresh nonce every time")
        #expect(try sealer.open(try sealer.seal(Data(), context: context), context: context).isEmpty)
    }

    @Test func anotherKeyDoesNotOpenIt() throws {
        let sealed = try AtRestSealer(current: try Self.key()).seal("secret", context: context)
        let stranger = AtRestSealer(current: try Self.key())
        #expect(throws: AtRestSealingError.self) { try stranger.open(sealed, context: context) }
        // The same id with another key (a forged header) fails authentication.
        let id = try #require(sealed.split(separator: ":").dropFirst().first)
        let forged = sealed.replacingOccurrences(of: "ogs1:\(id):", with: "ogs1:\(stranger.current.id):")
        #expect(throws: AtRestSealingError.refused(context: context)) { try stranger.open(forged, context: context) }
    }

    @Test func anAlteredValueIsRefused() throws {
        let sealer = AtRestSealer(current: try Self.key())
        let sealed = try sealer.seal("secret", context: context)
        let prefix = "ogs1:\(sealer.current.id):"
        var bytes = try #require(Data(base64Encoded: String(sealed.dropFirst(prefix.count))))
        for index in [0, 12, bytes.count - 1] {  // nonce, ciphertext, tag
            var altered = bytes
            altered[index] ^= 0x01
            #expect(throws: AtRestSealingError.refused(context: context)) {
                try sealer.open(prefix + altered.base64EncodedString(), context: context)
            }
        }
        bytes.removeLast()
        #expect(throws: AtRestSealingError.refused(context: context)) { try sealer.open(prefix + bytes.base64EncodedString(), context: context) }
        #expect(throws: AtRestSealingError.malformed(context: context)) { try sealer.open(prefix + "not base64!", context: context) }
        #expect(throws: AtRestSealingError.malformed(context: context)) { try sealer.open("ogs1:\(sealer.current.id)", context: context) }
        #expect(throws: AtRestSealingError.malformed(context: context)) { try sealer.open(prefix + "AAAA", context: context) }
        #expect(throws: AtRestSealingError.notSealed(context: context)) { try sealer.open("-----BEGIN PRIVATE KEY-----", context: context) }
    }

    @Test func aValueMovedToAnotherRowOrPurposeIsRefused() throws {
        let sealer = AtRestSealer(current: try Self.key())
        let sealed = try sealer.seal("whsec_abc", context: "integration.subscriptions.secret/1")
        #expect(throws: AtRestSealingError.refused(context: "integration.subscriptions.secret/2")) {
            try sealer.open(sealed, context: "integration.subscriptions.secret/2")
        }
        #expect(throws: AtRestSealingError.refused(context: "documents.agency-key/1")) {
            try sealer.open(sealed, context: "documents.agency-key/1")
        }
        #expect(try sealer.openString(sealed, context: "integration.subscriptions.secret/1") == "whsec_abc")
    }

    @Test func aRotatedOutKeyStillOpensAndItsValuesAreResealedUnderTheNewOne() throws {
        let old = try Self.key()
        let new = try Self.key()
        let sealedBefore = try AtRestSealer(current: old).seal("secret", context: context)
        let rotated = AtRestSealer(current: new, previous: [old])
        #expect(try rotated.openString(sealedBefore, context: context) == "secret")
        let resealed = try #require(try rotated.resealed(sealedBefore, context: context))
        #expect(resealed.hasPrefix("ogs1:\(new.id):"))
        #expect(try rotated.resealed(resealed, context: context) == nil, "already under the current key")
        #expect(try AtRestSealer(current: new).openString(resealed, context: context) == "secret", "no longer needs the old key")
        #expect(throws: AtRestSealingError.unknownKey(id: old.id, context: context)) {
            try AtRestSealer(current: new).open(sealedBefore, context: context)
        }
        // Moving a value while re-sealing it does not launder it.
        #expect(throws: AtRestSealingError.refused(context: "elsewhere")) { try rotated.resealed(sealedBefore, context: "elsewhere") }
    }

    @Test func aValueWrittenBeforeSealingIsSealedAsItIs() throws {
        let sealer = AtRestSealer(current: try Self.key())
        let pem = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----"
        let sealed = try #require(try sealer.resealed(pem, context: context))
        #expect(AtRestSealer.isSealed(sealed) && !sealed.contains("PRIVATE"))
        #expect(try sealer.openString(sealed, context: context) == pem)
    }

    @Test func theKeyIDDependsOnTheKeyOnly() throws {
        let bytes = SymmetricKey(size: .bits256)
        #expect(try AtRestSealer.DataKey(bytes).id == (try AtRestSealer.DataKey(bytes).id))
        #expect(try AtRestSealer.DataKey(bytes).id != (try Self.key().id))
        #expect(throws: AtRestSealingError.keyNot256Bits(16)) { try AtRestSealer.DataKey(SymmetricKey(size: .bits128)) }
    }
}

/// The data key from the environment, following the other credentials' rules.
@Suite struct AtRestSealerEnvironmentTests {
    @Test func productionWithoutADataKeyIsRefusedNamingTheVariable() {
        for profile in ["production", "bench", "staging"] {
            #expect(throws: MissingSecret(variable: "ONEGATE_DATA_KEY", profile: profile)) {
                try AtRestSealer(environment: ServiceEnvironment(["ONEGATE_PROFILE": profile]))
            }
            #expect(throws: MissingSecret(variable: "ONEGATE_DATA_KEY", profile: profile)) {
                try AtRestSealer(environment: ServiceEnvironment(["ONEGATE_PROFILE": profile, "ONEGATE_DATA_KEY": ""]))
            }
        }
    }

    @Test func aMalformedDataKeyIsRefusedNamingTheVariable() {
        for value in ["c2hvcnQ=", "not base64 at all!!", String(repeating: "A", count: 64)] {
            #expect(throws: InvalidDataKey.self) {
                try AtRestSealer(environment: ServiceEnvironment(["ONEGATE_PROFILE": "production", "ONEGATE_DATA_KEY": value]))
            }
        }
        do {
            _ = try AtRestSealer(environment: ServiceEnvironment(["ONEGATE_PROFILE": "dev", "ONEGATE_DATA_KEY_PREVIOUS": "c2hvcnQ="]))
            Issue.record("a short previous key was accepted")
        } catch let error as InvalidDataKey {
            #expect(error.variable == "ONEGATE_DATA_KEY_PREVIOUS")
        } catch {
            Issue.record("\(error)")
        }
        #expect(throws: InvalidDataKey(variable: "ONEGATE_DATA_KEY_FILE", reason: "cannot read /nonexistent/onegate-key")) {
            try AtRestSealer(environment: ServiceEnvironment(["ONEGATE_PROFILE": "production", "ONEGATE_DATA_KEY_FILE": "/nonexistent/onegate-key"]))
        }
    }

    @Test func theKeyComesFromTheVariableOrAFileInEitherBase64OrRawBytes() throws {
        let key = SymmetricKey(size: .bits256)
        let base64 = AtRestSealingTests.base64(key)
        let id = try AtRestSealer.DataKey(key).id
        let urlSafe = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        for value in [base64, urlSafe, " \(base64)\n"] {
            let sealer = try AtRestSealer(environment: ServiceEnvironment(["ONEGATE_PROFILE": "production", "ONEGATE_DATA_KEY": value]))
            #expect(sealer.current.id == id)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onegate-data-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = directory.appendingPathComponent("key.b64")
        let raw = directory.appendingPathComponent("key.bin")
        try Data((base64 + "\n").utf8).write(to: text)
        try key.withUnsafeBytes { Data($0) }.write(to: raw)
        for file in [text, raw] {
            let sealer = try AtRestSealer(environment: ServiceEnvironment([
                "ONEGATE_PROFILE": "production", "ONEGATE_DATA_KEY_FILE": file.path, "ONEGATE_DATA_KEY": "ignored when a file is named"]))
            #expect(sealer.current.id == id)
        }
    }

    @Test func previousKeysOpenWhatTheySealed() throws {
        let old = SymmetricKey(size: .bits256)
        let older = SymmetricKey(size: .bits256)
        let current = SymmetricKey(size: .bits256)
        let context = "documents.agency-key/000.00.01.H30"
        let sealedOld = try AtRestSealer(current: try .init(old)).seal("a", context: context)
        let sealedOlder = try AtRestSealer(current: try .init(older)).seal("b", context: context)
        let sealer = try AtRestSealer(environment: ServiceEnvironment([
            "ONEGATE_PROFILE": "production", "ONEGATE_DATA_KEY": AtRestSealingTests.base64(current),
            "ONEGATE_DATA_KEY_PREVIOUS": "\(AtRestSealingTests.base64(old)), \(AtRestSealingTests.base64(older))"]))
        #expect(try sealer.openString(sealedOld, context: context) == "a")
        #expect(try sealer.openString(sealedOlder, context: context) == "b")
        let withoutPrevious = try AtRestSealer(environment: ServiceEnvironment([
            "ONEGATE_PROFILE": "production", "ONEGATE_DATA_KEY": AtRestSealingTests.base64(current)]))
        #expect(throws: AtRestSealingError.self) { try withoutPrevious.open(sealedOld, context: context) }
    }

    @Test func devAndTestUseTheDevelopmentKeyAndKeepItReadableOnceARealKeyIsSet() throws {
        let development = try AtRestSealer(environment: ServiceEnvironment(["ONEGATE_PROFILE": "test"]))
        #expect(try AtRestSealer(environment: ServiceEnvironment([:])).current.id == development.current.id)
        let sealed = try development.seal("secret", context: "c")
        let real = AtRestSealingTests.base64(SymmetricKey(size: .bits256))
        let dev = try AtRestSealer(environment: ServiceEnvironment(["ONEGATE_PROFILE": "dev", "ONEGATE_DATA_KEY": real]))
        #expect(dev.current.id != development.current.id)
        #expect(try dev.openString(sealed, context: "c") == "secret")
        let production = try AtRestSealer(environment: ServiceEnvironment(["ONEGATE_PROFILE": "production", "ONEGATE_DATA_KEY": real]))
        #expect(throws: AtRestSealingError.unknownKey(id: development.current.id, context: "c")) {
            try production.open(sealed, context: "c")
        }
    }
}
