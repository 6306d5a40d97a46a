import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import OnegateWeb

@Suite struct BarChartTests {
    /// The elements of an SVG document, as parsed by an XML parser (nil when it is not well-formed).
    final class Elements: NSObject, XMLParserDelegate {
        var found: [(name: String, attributes: [String: String], text: String)] = []
        /// The open elements, as indexes into `found`.
        var open: [Int] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            found.append((name, attributes, ""))
            open.append(found.count - 1)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { found[index].text += string }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        static func parse(_ svg: String) -> Elements? {
            let elements = Elements()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = elements
            return parser.parse() ? elements : nil
        }

        func all(_ name: String) -> [(name: String, attributes: [String: String], text: String)] { found.filter { $0.name == name } }
    }

    static let chart = BarChart(
        title: "Hồ sơ <theo> đơn vị & \"thủ tục\"", summary: "Số liệu ở bảng bên dưới.",
        series: [.init("Đúng hạn"), .init("Quá hạn")],
        categories: [
            .init("Sở Tư pháp", bars: [.init(40, text: "40"), .init(10, text: "10")]),
            .init("Sở <b>Xây dựng</b>", bars: [.init(20, text: "20"), .init(0, text: "0")]),
        ])

    @Test func wellFormedWithEscapedTitleAndLabels() throws {
        let svg = Self.chart.svg
        let elements = try #require(Elements.parse(svg))
        #expect(elements.found.first?.name == "svg")
        #expect(elements.found.first?.attributes["role"] == "img")
        #expect(elements.all("title").first?.text == "Hồ sơ <theo> đơn vị & \"thủ tục\"")
        #expect(elements.all("desc").first?.text == "Số liệu ở bảng bên dưới.")
        #expect(!svg.contains("<b>"))
        #expect(svg.contains("Sở &lt;b&gt;Xây dựng&lt;/b&gt;"))
        let texts = elements.all("text").map(\.text)
        for expected in ["Đúng hạn", "Quá hạn", "Sở Tư pháp", "Sở <b>Xây dựng</b>", "40", "10", "20", "0"] {
            #expect(texts.contains(expected), "\(expected) is not written in the chart")
        }
    }

    @Test func barsAreProportionalAndZeroDrawsNoBar() throws {
        let elements = try #require(Elements.parse(Self.chart.svg))
        // The bars are the rects with a tooltip title; the legend swatches and the background are not.
        let bars = elements.found.enumerated().filter { $0.element.name == "rect" && $0.element.attributes["height"] == "20" }
            .map { Double($0.element.attributes["width"] ?? "") ?? -1 }
        #expect(bars.count == 3)
        #expect(bars[0] == BarChart.plotWidth)
        #expect(abs(bars[1] - BarChart.plotWidth / 4) < 0.1)
        #expect(abs(bars[2] - BarChart.plotWidth / 2) < 0.1)
        let tooltips = elements.all("title").map(\.text)
        #expect(tooltips.contains("Quá hạn: 10"))
        #expect(!tooltips.contains("Quá hạn: 0"))
    }

    @Test func seriesDifferByPatternNotOnlyColour() throws {
        let svg = Self.chart.svg
        let elements = try #require(Elements.parse(svg))
        let fills = Set(elements.all("rect").filter { $0.attributes["height"] == "20" }.compactMap { $0.attributes["fill"] })
        #expect(fills == ["#0b3d91", "url(#p1)"])
        #expect(elements.all("pattern").contains { $0.attributes["id"] == "p1" })
        // A chart of one series has no legend: its title names the figure.
        let single = BarChart(title: "Tiếp nhận", series: [.init("Tiếp nhận")], categories: [.init("A", bars: [.init(3, text: "3")])])
        let singleElements = try #require(Elements.parse(single.svg))
        #expect(singleElements.all("text").map(\.text) == ["A", "3"])
    }

    @Test func everythingLiesInsideTheChartAlsoWithAWrappedLegend() throws {
        let chart = BarChart(
            title: "t", series: ["Đã giải quyết trước hạn, đúng hạn", "Đã giải quyết quá hạn", "Đang giải quyết trong hạn",
                                 "Đang giải quyết quá hạn"].map { BarChart.Series($0) },
            categories: [.init("Sở Tư pháp", bars: [.init(6, text: "6"), .init(1, text: "1"), .init(5, text: "5"), .init(2, text: "2")]),
                         .init("Sở Xây dựng", bars: [.init(3, text: "3"), .init(0, text: "0"), .init(4, text: "4"), .init(9, text: "9")])])
        #expect(chart.legend.rows > 1)
        let elements = try #require(Elements.parse(chart.svg))
        for element in elements.found where ["rect", "text"].contains(element.name) && element.attributes["y"] != nil {
            let y = try #require(Double(element.attributes["y"] ?? ""))
            let bottom = y + (Double(element.attributes["height"] ?? "0") ?? 0)
            #expect(bottom <= chart.height - BarChart.padding + 0.01, "\(element.name) \(element.text) ends at \(bottom) of \(chart.height)")
            #expect(y >= 0)
        }
        let bars = elements.all("rect").filter { $0.attributes["height"] == "20" }
        #expect(bars.count == 7)
        let texts = elements.all("text").map(\.text)
        for figure in ["6", "1", "5", "2", "3", "0", "4", "9"] { #expect(texts.contains(figure)) }
    }

    @Test func emptyAndAllZeroChartsStillDraw() throws {
        let empty = BarChart(title: "Trống", series: [.init("x")], categories: [])
        #expect(Elements.parse(empty.svg) != nil)
        #expect(empty.height > 0)
        let zeros = BarChart(title: "0", series: [.init("x")], categories: [.init("A", bars: [.init(0, text: "0")])])
        let elements = try #require(Elements.parse(zeros.svg))
        #expect(elements.all("rect").filter { $0.attributes["height"] == "20" }.isEmpty)
        #expect(!zeros.svg.contains("nan") && !zeros.svg.contains("inf"))
    }

    @Test func heightGrowsWithCategoriesAndLongLabelsAreCut() throws {
        let label = String(repeating: "Đăng ký khai sinh ", count: 10)
        let one = BarChart(title: "t", series: [.init("x")], categories: [.init(label, bars: [.init(1, text: "1")])])
        let two = BarChart(title: "t", series: [.init("x")], categories: [.init("a", bars: []), .init("b", bars: [])])
        #expect(two.height > one.height)
        let elements = try #require(Elements.parse(one.svg))
        let shown = try #require(elements.all("text").first?.text)
        #expect(shown.count == BarChart.labelLimit && shown.hasSuffix("…"))
        #expect(one.svg.contains("viewBox=\"0 0 440 \(BarChart.number(one.height))\""))
    }

    @Test func controlCharactersAreDroppedAndDataURLDecodes() throws {
        let chart = BarChart(title: "a\u{1}b", series: [.init("x")], categories: [.init("c\u{0}d", bars: [.init(1, text: "1")])])
        #expect(Elements.parse(chart.svg) != nil)
        #expect(chart.svg.contains("<title id=\"chart-title\">ab</title>"))
        let url = chart.dataURL
        #expect(url.hasPrefix("data:image/svg+xml;base64,"))
        let decoded = try #require(Data(base64Encoded: String(url.dropFirst("data:image/svg+xml;base64,".count))))
        #expect(String(decoding: decoded, as: UTF8.self) == chart.svg)
    }

    @Test func figuresInEachLanguage() {
        #expect(FigureText.whole(1_234_567, .vi) == "1.234.567")
        #expect(FigureText.whole(1_234_567, .en) == "1,234,567")
        #expect(FigureText.whole(0, .vi) == "0")
        #expect(FigureText.whole(-1200, .vi) == "-1.200")
        #expect(FigureText.decimal(12.45, digits: 1, .vi) == "12,5")
        #expect(FigureText.decimal(1234.05, digits: 2, .en) == "1,234.05")
        #expect(FigureText.decimal(0.04, digits: 1, .vi) == "0,0")
        #expect(FigureText.decimal(.nan, digits: 1, .vi) == "–")
        #expect(FigureText.percent(100, .vi) == "100 %")
        #expect(FigureText.percent(98.5, .vi) == "98,5 %")
        #expect(FigureText.percent(66.67, .en) == "66.67%")
        #expect(BarChart.number(12.0) == "12")
        #expect(BarChart.number(12.25) == "12.3")
    }
}
