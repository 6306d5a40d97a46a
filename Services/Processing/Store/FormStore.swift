import Contracts
import Domain
import Forms
import Foundation
import Logging
import PostgresNIO

/// `processing.case_forms`: forms 01–05 with the data they were issued with, so a reprint shows
/// exactly what was handed to the applicant.
struct FormStore: Sendable {
    let schema: String

    func issue(_ data: FormData, code: String, on connection: PostgresConnection, logger: Logger) async throws {
        let body = String(decoding: try WireJSON.encode(data), as: UTF8.self)
        try await connection.query("""
            INSERT INTO \(unescaped: schema).case_forms (code, number, issued_at, data)
            VALUES (\(code), \(data.formNumber), \(data.issuedAt), \(body)::jsonb)
            """, logger: logger)
    }

    /// The latest issue of form `number`; nil when it was never issued.
    func latest(code: String, number: String, on connection: PostgresConnection, logger: Logger) async throws -> FormData? {
        for try await body in try await connection.query("""
            SELECT data::text FROM \(unescaped: schema).case_forms WHERE code = \(code) AND number = \(number)
            ORDER BY id DESC LIMIT 1
            """, logger: logger).decode(String.self) {
            return try WireJSON.decode(FormData.self, from: Data(body.utf8))
        }
        return nil
    }

    /// Every form issued for the case, oldest first.
    func issued(code: String, on connection: PostgresConnection, logger: Logger) async throws -> [IssuedFormRef] {
        var forms: [IssuedFormRef] = []
        for try await (number, at) in try await connection.query("""
            SELECT number, issued_at FROM \(unescaped: schema).case_forms WHERE code = \(code) ORDER BY id
            """, logger: logger).decode((String, Date).self) {
            forms.append(IssuedFormRef(number: number, name: DossierForm(rawValue: number)?.vietnameseName ?? number, issuedAt: at))
        }
        return forms
    }
}
