import Foundation

/// A horizontal bar chart drawn on the server as a standalone SVG document (no chart library,
/// no script). Each category is a line of text with one bar per series under it and the figure
/// written at the bar's end; series differ by colour *and* fill pattern, named in a legend, so
/// nothing is told by colour alone. The document carries a `<title>` and `<desc>`; pages show
/// it as an image whose `alt` is the title and put the same figures in a table beside it.
public struct BarChart: Sendable, Hashable {
    /// One kind of figure (one bar per category), e.g. "on time".
    public struct Series: Sendable, Hashable {
        public var name: String
        public init(_ name: String) { self.name = name }
    }

    /// One bar: its value and how the figure is written (`1.234`, `12,5 giờ`).
    public struct Bar: Sendable, Hashable {
        public var value: Double
        public var text: String
        public init(_ value: Double, text: String) {
            self.value = value
            self.text = text
        }
    }

    /// One group of bars (an agency, a procedure, a week), one bar per series in order.
    public struct Category: Sendable, Hashable {
        public var label: String
        public var bars: [Bar]
        public init(_ label: String, bars: [Bar]) {
            self.label = label
            self.bars = bars
        }
    }

    public var title: String
    /// Read by assistive technology after the title (e.g. "the figures are in the table below").
    public var summary: String
    public var series: [Series]
    public var categories: [Category]

    public init(title: String, summary: String = "", series: [Series], categories: [Category]) {
        self.title = title
        self.summary = summary
        self.series = series
        self.categories = categories
    }

    // Geometry, in the SVG's own units (the image scales to its box).
    public static let width = 440.0
    static let padding = 12.0
    static let labelSize = 15.0
    static let barHeight = 20.0
    static let barGap = 4.0
    static let categoryGap = 14.0
    static let legendHeight = 26.0
    /// Room kept right of the longest bar for its figure.
    static let valueRoom = 90.0
    /// Labels longer than this are cut with "…" (the table beside has them whole).
    static let labelLimit = 50
    /// Fill colours, each at least 3:1 against white (WCAG's non-text contrast).
    static let colours = ["#0b3d91", "#00703c", "#b3261e", "#6f4e00", "#5a2d82"]

    /// The longest bar's length.
    static var plotWidth: Double { width - 2 * padding - valueRoom }

    /// The length of a bar of `value` when the largest bar is `largest` (negative values draw nothing).
    static func length(_ value: Double, largest: Double) -> Double {
        guard largest > 0, value > 0 else { return 0 }
        return plotWidth * min(value, largest) / largest
    }

    /// Where each legend entry goes (x, and its row from 0) and the names as shown; no legend for one series.
    var legend: (entries: [(x: Double, row: Int, name: String)], rows: Int) {
        guard series.count > 1 else { return ([], 0) }
        var entries: [(x: Double, row: Int, name: String)] = []
        var x = Self.padding, row = 0
        for one in series {
            let name = Self.cut(one.name, to: 40)
            let room = 14 + 6 + Double(name.count) * 8 + 16
            if x + room > Self.width - Self.padding, x > Self.padding {
                x = Self.padding
                row += 1
            }
            entries.append((x, row, name))
            x += room
        }
        return (entries, row + 1)
    }

    /// The chart's height: the legend's rows, then each category's label and bars.
    public var height: Double {
        let rows = legend.rows
        let legendSpace = rows > 0 ? Double(rows) * Self.legendHeight + Self.barGap : 0
        let perCategory = Self.labelSize + Self.barGap + Double(series.count) * (Self.barHeight + Self.barGap) + Self.categoryGap
        return (2 * Self.padding + legendSpace + Double(max(categories.count, 1)) * perCategory).rounded(.up)
    }

    /// The whole SVG document.
    public var svg: String {
        let largest = categories.flatMap(\.bars).map(\.value).max() ?? 0
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Self.number(Self.width)) \(Self.number(height))" \
        width="\(Self.number(Self.width))" height="\(Self.number(height))" role="img" aria-labelledby="chart-title chart-desc" \
        font-family="Arial, Helvetica, sans-serif">
        <title id="chart-title">\(Self.escape(title))</title><desc id="chart-desc">\(Self.escape(summary))</desc>
        <defs>\(Self.patterns)</defs>
        <rect width="100%" height="100%" fill="#ffffff"/>

        """
        var y = Self.padding
        let legend = self.legend
        for (index, entry) in legend.entries.enumerated() {
            let top = y + Double(entry.row) * Self.legendHeight
            out += "<rect x=\"\(Self.number(entry.x))\" y=\"\(Self.number(top + 4))\" width=\"14\" height=\"14\" fill=\"\(Self.fill(index))\" "
                + "stroke=\"\(Self.colour(index))\"/>"
            out += "<text x=\"\(Self.number(entry.x + 20))\" y=\"\(Self.number(top + 16))\" font-size=\"14\" fill=\"#0b0c0c\">"
                + "\(Self.escape(entry.name))</text>\n"
        }
        if legend.rows > 0 { y += Double(legend.rows) * Self.legendHeight + Self.barGap }
        out += "<line x1=\"\(Self.number(Self.padding))\" y1=\"\(Self.number(y))\" x2=\"\(Self.number(Self.padding))\" "
            + "y2=\"\(Self.number(height - Self.padding))\" stroke=\"#505a5f\" stroke-width=\"1\"/>\n"
        for category in categories {
            y += Self.labelSize
            out += "<text x=\"\(Self.number(Self.padding + 4))\" y=\"\(Self.number(y - 2))\" font-size=\"\(Self.number(Self.labelSize))\" "
                + "font-weight=\"bold\" fill=\"#0b0c0c\">\(Self.escape(Self.cut(category.label, to: Self.labelLimit)))</text>\n"
            y += Self.barGap
            for index in series.indices {
                let bar = index < category.bars.count ? category.bars[index] : Bar(0, text: "")
                let length = Self.length(bar.value, largest: largest)
                if length > 0 {
                    out += "<rect x=\"\(Self.number(Self.padding))\" y=\"\(Self.number(y))\" width=\"\(Self.number(length))\" "
                        + "height=\"\(Self.number(Self.barHeight))\" fill=\"\(Self.fill(index))\" stroke=\"\(Self.colour(index))\">"
                        + "<title>\(Self.escape(series[index].name + ": " + bar.text))</title></rect>"
                }
                out += "<text x=\"\(Self.number(Self.padding + length + 6))\" y=\"\(Self.number(y + Self.barHeight - 5))\" "
                    + "font-size=\"14\" fill=\"#0b0c0c\">\(Self.escape(bar.text))</text>\n"
                y += Self.barHeight + Self.barGap
            }
            y += Self.categoryGap
        }
        return out + "</svg>\n"
    }

    /// The document as a `data:` URL for an `<img>` (the pages' content policy allows `data:` images).
    public var dataURL: String {
        "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString()
    }

    /// Series 0 is solid; the others have a pattern of their colour (stripes, dots, cross-hatch…).
    static func fill(_ index: Int) -> String { index == 0 ? colour(0) : "url(#p\(index % colours.count))" }

    static func colour(_ index: Int) -> String { colours[index % colours.count] }

    static var patterns: String {
        (1..<colours.count).map { index -> String in
            let c = colours[index]
            let marks: String
            switch index {
            case 1: marks = "<path d=\"M0 8 L8 0\" stroke=\"\(c)\" stroke-width=\"3\"/>"
            case 2: marks = "<circle cx=\"4\" cy=\"4\" r=\"2.2\" fill=\"\(c)\"/>"
            case 3: marks = "<path d=\"M0 0 L8 8 M8 0 L0 8\" stroke=\"\(c)\" stroke-width=\"2\"/>"
            default: marks = "<path d=\"M4 0 L4 8\" stroke=\"\(c)\" stroke-width=\"3\"/>"
            }
            return "<pattern id=\"p\(index)\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
                + "<rect width=\"8\" height=\"8\" fill=\"#ffffff\"/>\(marks)</pattern>"
        }.joined()
    }

    /// Text for XML content and attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newlines are not allowed in XML 1.0.
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                   scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" {
                    continue
                }
                out.append(character)
            }
        }
        return out
    }

    static func cut(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// A coordinate with at most one decimal, never in exponent form.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(format: "%.1f", tenths / 10)
    }
}
