import Foundation
import Logging
import PostgresNIO

/// `integration.payments`: the orders sent to the payment platform and how each was settled.
struct PaymentStore: Sendable {
    enum Settlement: Sendable, Equatable {
        /// First valid callback: the order is paid now.
        case applied(code: String)
        /// The same transaction again: nothing changes.
        case duplicate(code: String)
        case unknownOrder
        case amountMismatch(expected: Int64)
        /// Paid already, by another transaction.
        case paidByAnother(code: String)
        /// The transaction settled another order.
        case transactionReused
    }

    let schema: String

    /// Opens the order of a payment request (once per event); false when it exists already.
    func open(order: UUID, code: String, amount: Int64, eventID: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        var inserted = false
        for try await _ in try await connection.query("""
            INSERT INTO \(unescaped: schema).payments (order_id, dossier_code, amount, event_id)
            VALUES (\(order), \(code), \(amount), \(eventID)) ON CONFLICT (event_id) DO NOTHING RETURNING order_id
            """, logger: logger) { inserted = true }
        return inserted
    }

    /// Settles an order with the platform's transaction, under the order's row lock.
    func settle(order: UUID, transaction: String, amount: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Settlement {
        var found: (String, Int64, String, String?)?
        for try await row in try await connection.query("""
            SELECT dossier_code, amount, status, transaction_id FROM \(unescaped: schema).payments WHERE order_id = \(order) FOR UPDATE
            """, logger: logger).decode((String, Int64, String, String?).self) { found = row }
        guard let (code, expected, status, paidBy) = found else { return .unknownOrder }
        if status == "paid" { return paidBy == transaction ? .duplicate(code: code) : .paidByAnother(code: code) }
        guard amount == expected else { return .amountMismatch(expected: expected) }
        for try await _ in try await connection.query("""
            SELECT 1 FROM \(unescaped: schema).payments WHERE transaction_id = \(transaction)
            """, logger: logger) { return .transactionReused }
        try await connection.query("""
            UPDATE \(unescaped: schema).payments SET status = 'paid', transaction_id = \(transaction), paid_at = now()
            WHERE order_id = \(order)
            """, logger: logger)
        return .applied(code: code)
    }
}
