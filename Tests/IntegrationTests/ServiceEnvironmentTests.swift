import Contracts
import Messaging
import ServiceKit
import Storage
import Testing

/// Credentials have development defaults only in the dev and test profiles (no infrastructure needed).
@Suite struct ServiceEnvironmentSecretsTests {
    @Test func aMissingSecretIsRefusedOutsideDevAndTestNamingTheVariable() {
        for profile in ["production", "bench", "staging"] {
            let environment = ServiceEnvironment(["ONEGATE_PROFILE": profile])
            #expect(!environment.allowsDevelopmentSecrets)
            #expect(throws: MissingSecret(variable: "ONEGATE_LOOKUP_TOKEN_KEY", profile: profile)) {
                try environment.requiredSecret("ONEGATE_LOOKUP_TOKEN_KEY", developmentDefault: "dev-value")
            }
            #expect(throws: MissingSecret(variable: "ONEGATE_DB_PASSWORD", profile: profile)) {
                try environment.requiredSecret("ONEGATE_DB_PASSWORD", alternatives: ["ONEGATE_INTAKE_DB_PASSWORD"],
                                               developmentDefault: "onegate-intake")
            }
        }
        let message = MissingSecret(variable: "ONEGATE_LOOKUP_TOKEN_KEY", profile: "production").description
        #expect(message.contains("ONEGATE_LOOKUP_TOKEN_KEY") && message.contains("production"))
    }

    @Test func anEmptySecretCountsAsMissing() {
        let environment = ServiceEnvironment(["ONEGATE_PROFILE": "production", "ONEGATE_LOOKUP_TOKEN_KEY": ""])
        #expect(throws: MissingSecret.self) {
            try environment.requiredSecret("ONEGATE_LOOKUP_TOKEN_KEY", developmentDefault: "dev-value")
        }
    }

    @Test func aGivenSecretIsUsedInEveryProfile() throws {
        let production = ServiceEnvironment(["ONEGATE_PROFILE": "production", "ONEGATE_INTAKE_DB_PASSWORD": "s3cret"])
        #expect(try production.requiredSecret("ONEGATE_DB_PASSWORD", alternatives: ["ONEGATE_INTAKE_DB_PASSWORD"],
                                               developmentDefault: "onegate-intake") == "s3cret")
        #expect(production.database(for: .intake).password == "s3cret")
        let direct = ServiceEnvironment(["ONEGATE_PROFILE": "production", "ONEGATE_DB_PASSWORD": "a", "ONEGATE_INTAKE_DB_PASSWORD": "b"])
        #expect(try direct.requiredSecret("ONEGATE_DB_PASSWORD", alternatives: ["ONEGATE_INTAKE_DB_PASSWORD"], developmentDefault: "") == "a")
    }

    @Test func devAndTestKeepTheirDefaults() throws {
        for values in [[:], ["ONEGATE_PROFILE": "dev"], ["ONEGATE_PROFILE": "test"]] {
            let environment = ServiceEnvironment(values)
            #expect(environment.allowsDevelopmentSecrets)
            #expect(try environment.requiredSecret("ONEGATE_LOOKUP_TOKEN_KEY", developmentDefault: "dev-value") == "dev-value")
            #expect(environment.amqp(for: .processing).password == "onegate-processing")
        }
    }
}
