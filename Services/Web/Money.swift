/// Amounts in đồng with `.` between thousands: `1.250.000 đ`.
public enum Money {
    public static func dong(_ amount: Int) -> String {
        let digits = String(abs(amount))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return (amount < 0 ? "-" : "") + grouped + " đ"
    }
}
