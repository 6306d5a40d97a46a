/// A procedure's processing time: a whole number of working days, or of working hours for short
/// procedures. Always within `1...maximum(unit)`.
public struct TimeBudget: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What the amount counts.
    public enum Unit: String, Sendable, Hashable, Codable {
        case workingDays
        case workingHours
    }

    public let amount: Int
    public let unit: Unit

    /// The largest amount accepted per unit: far beyond any procedure, small enough to keep the
    /// calendar walks short.
    public static func maximum(_ unit: Unit) -> Int {
        switch unit {
        case .workingDays: 1_000
        case .workingHours: 8_000
        }
    }

    /// Validates the amount.
    public static func make(_ amount: Int, _ unit: Unit) -> Result<TimeBudget, DeadlineError> {
        guard amount >= 1 else { return .failure(.budgetNotPositive(amount)) }
        guard amount <= maximum(unit) else { return .failure(.budgetTooLarge(amount, maximum: maximum(unit))) }
        return .success(TimeBudget(checkedAmount: amount, unit: unit))
    }

    private init(checkedAmount amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// E.g. `15 working days`.
    public var description: String {
        "\(amount) " + (unit == .workingDays ? "working day" : "working hour") + (amount == 1 ? "" : "s")
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let amount = try container.decode(Int.self, forKey: .amount)
        switch TimeBudget.make(amount, try container.decode(Unit.self, forKey: .unit)) {
        case .success(let budget): self = budget
        case .failure(let error):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}

/// Why a deadline cannot be computed.
public enum DeadlineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The budget is zero or negative.
    case budgetNotPositive(Int)
    /// The budget exceeds the accepted maximum.
    case budgetTooLarge(Int, maximum: Int)

    public var description: String {
        switch self {
        case .budgetNotPositive(let amount): "the time budget must be at least 1, not \(amount)"
        case .budgetTooLarge(let amount, let maximum): "the time budget \(amount) exceeds the maximum \(maximum)"
        }
    }
}
