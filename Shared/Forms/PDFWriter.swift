import CCairo
import Foundation
import Synchronization

/// The process-wide PDF rendering state. Pango and fontconfig are not reliably thread-safe, so
/// every PDF is rendered under `renderLock`, with one font map shared by all renders.
private struct RenderState {
    var fontMap: UnsafeMutablePointer<PangoFontMap>?
}

private let renderLock = Mutex(RenderState())

/// Collects the bytes cairo writes.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// Renders a `FormDocument` to PDF with cairo, laying text out with pango (DejaVu Sans through
/// fontconfig, shaped by HarfBuzz) so Vietnamese text is embedded and extractable intact.
enum PDFWriter {
    static func render(_ doc: FormDocument) throws -> [UInt8] {
        let result = renderLock.withLock { state -> Result<[UInt8], FormError> in
            if state.fontMap == nil {
                state.fontMap = pango_cairo_font_map_new()
            }
            guard let fontMap = state.fontMap else {
                return .failure(.rendering("pango could not create a font map"))
            }
            return Result { try renderLocked(doc, fontMap: fontMap) }.mapError { error in
                error as? FormError ?? .rendering(String(describing: error))
            }
        }
        return try result.get()
    }

    private static func renderLocked(_ doc: FormDocument, fontMap: UnsafeMutablePointer<PangoFontMap>) throws -> [UInt8] {
        guard let context = pango_font_map_create_context(fontMap) else {
            throw FormError.rendering("pango could not create a context")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(context)) }
        // Unhinted metrics: the layout does not depend on the device and both passes agree.
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            pango_cairo_context_set_font_options(context, options)
            cairo_font_options_destroy(options)
        }
        pango_cairo_context_set_resolution(context, 72)
        pango_context_set_round_glyph_positions(context, 0)

        // Pass 1 lays the form out without drawing, to learn the page count for "Trang n/N".
        let measure = Composer(doc: doc, context: context, cr: nil, totalPages: 0)
        measure.run()
        let pages = measure.page

        let sink = ByteSink()
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
            if let data, length > 0 {
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            }
            return CAIRO_STATUS_SUCCESS
        }
        let format = doc.format
        let surface = withExtendedLifetime(sink) {
            cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(), format.width, format.height)
        }
        guard let surface else { throw FormError.rendering("cairo could not create a PDF surface") }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface))
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Mẫu số \(doc.number) – \(doc.title) – \(doc.dossierCode)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "onegate")
        // The issue time as creation date: the same data gives the same bytes.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, doc.issuedISO8601)

        guard let cr = cairo_create(surface) else { throw FormError.rendering("cairo could not create a context") }
        let composer = Composer(doc: doc, context: context, cr: cr, totalPages: pages)
        composer.run()
        let drawStatus = cairo_status(cr)
        cairo_destroy(cr)
        try check(drawStatus)
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface))
        return withExtendedLifetime(sink) { sink.bytes }
    }

    private static func check(_ status: cairo_status_t) throws {
        if status != CAIRO_STATUS_SUCCESS {
            throw FormError.rendering(String(cString: cairo_status_to_string(status)))
        }
    }
}

/// Lays a form out on pages; draws only when it has a cairo context (the second pass).
private final class Composer {
    let doc: FormDocument
    let format: PageFormat
    let context: OpaquePointer
    let cr: OpaquePointer?
    let totalPages: Int
    private(set) var page = 1
    private var y: Double

    static let scale = Double(PANGO_SCALE)
    static let family = "DejaVu Sans"

    init(doc: FormDocument, context: OpaquePointer, cr: OpaquePointer?, totalPages: Int) {
        self.doc = doc
        self.format = doc.format
        self.context = context
        self.cr = cr
        self.totalPages = totalPages
        self.y = doc.format.marginTop
    }

    var left: Double { format.marginSide }
    var width: Double { format.contentWidth }
    var bottom: Double { format.height - format.marginBottom }

    func run() {
        heading()
        for block in doc.blocks {
            switch block {
            case .paragraph(let paragraph): self.paragraph(paragraph)
            case .table(let table): self.table(table)
            case .signatures(let signatures): self.signatures(signatures)
            }
        }
        finishPage()
    }

    // MARK: Pages

    private func finishPage() {
        guard let cr else { return }
        if totalPages > 1 {
            let text = "Mẫu số \(doc.number) · Mã hồ sơ: \(doc.dossierCode) · Trang \(page)/\(totalPages)"
            let layout = makeLayout([.plain(text)], size: format.small, width: width, align: .center)
            defer { release(layout) }
            cairo_move_to(cr, left, format.height - format.marginBottom + 10)
            pango_cairo_show_layout(cr, layout)
        }
        cairo_show_page(cr)
    }

    private func newPage() {
        finishPage()
        page += 1
        y = format.marginTop
    }

    // MARK: Text

    /// A layout of `runs`; `width` ≤ 0 means one unwrapped line.
    private func makeLayout(_ runs: [Run], size: Double, width: Double, align: Align,
                            bold: Bool = false, italic: Bool = false, hanging: Double = 0) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        let font = pango_font_description_from_string(Self.family)
        pango_font_description_set_absolute_size(font, size * Self.scale)
        if bold { pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD) }
        if italic { pango_font_description_set_style(font, PANGO_STYLE_ITALIC) }
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        if width > 0 {
            pango_layout_set_width(layout, Int32(width * Self.scale))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        let alignment = switch align {
        case .left: PANGO_ALIGN_LEFT
        case .center: PANGO_ALIGN_CENTER
        case .right: PANGO_ALIGN_RIGHT
        }
        pango_layout_set_alignment(layout, alignment)
        if hanging > 0 { pango_layout_set_indent(layout, Int32(-hanging * Self.scale)) }
        var text = ""
        let attributes = pango_attr_list_new()
        for run in runs {
            let start = UInt32(text.utf8.count)
            text += run.text
            let end = UInt32(text.utf8.count)
            if run.bold, let attribute = pango_attr_weight_new(PANGO_WEIGHT_BOLD) {
                attribute.pointee.start_index = start
                attribute.pointee.end_index = end
                pango_attr_list_insert(attributes, attribute)
            }
            if run.italic, let attribute = pango_attr_style_new(PANGO_STYLE_ITALIC) {
                attribute.pointee.start_index = start
                attribute.pointee.end_index = end
                pango_attr_list_insert(attributes, attribute)
            }
        }
        pango_layout_set_text(layout, text, -1)
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        return layout
    }

    private func release(_ layout: OpaquePointer) {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// The layout's logical size in points.
    private func size(of layout: OpaquePointer) -> (width: Double, height: Double) {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return (Double(logical.width) / Self.scale, Double(logical.height) / Self.scale)
    }

    private func draw(_ layout: OpaquePointer, x: Double, y: Double) {
        guard let cr else { return }
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
    }

    /// The largest size ≤ `size` (down to 80 %) at which `text` fits `width` on one line.
    private func fittingSize(_ text: String, size: Double, width: Double, bold: Bool) -> Double {
        let layout = makeLayout([.plain(text)], size: size, width: 0, align: .left, bold: bold)
        defer { release(layout) }
        let natural = self.size(of: layout).width
        return natural <= width ? size : max(size * 0.8, size * width / natural * 0.995)
    }

    /// Draws a layout line by line at the current position, breaking pages between lines.
    private func flow(_ layout: OpaquePointer, x: Double) {
        guard let iterator = pango_layout_get_iter(layout) else { return }
        defer { pango_layout_iter_free(iterator) }
        var origin = y
        repeat {
            var top: Int32 = 0
            var lineBottom: Int32 = 0
            pango_layout_iter_get_line_yrange(iterator, &top, &lineBottom)
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iterator)) / Self.scale
            if origin + Double(lineBottom) / Self.scale > bottom, origin + Double(top) / Self.scale > format.marginTop + 1 {
                newPage()
                origin = y - Double(top) / Self.scale
            }
            if let cr, let line = pango_layout_iter_get_line_readonly(iterator) {
                cairo_move_to(cr, x + Double(logical.x) / Self.scale, origin + baseline)
                pango_cairo_show_layout_line(cr, line)
            }
            y = origin + Double(lineBottom) / Self.scale
        } while pango_layout_iter_next_line(iterator) != 0
    }

    // MARK: Heading

    private func heading() {
        let top = y
        // "Mẫu số 0n" in the top-right corner.
        let number = makeLayout([.italic("Mẫu số \(doc.number)")], size: format.small, width: width, align: .right)
        draw(number, x: left, y: top)
        let rowTop = top + size(of: number).height + 2
        release(number)

        // The QR code in the top-left corner.
        drawQR(x: left, y: rowTop, side: format.qrSide)

        let gap = 6.0
        let columns = width - format.qrSide - gap
        let nationText = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        let nationWidth = columns * 0.6
        let nationSize = fittingSize(nationText, size: format.header, width: nationWidth, bold: true)
        let agencyWidth = columns - nationWidth - gap
        let agencyX = left + format.qrSide + gap
        let nationX = agencyX + agencyWidth + gap

        // Agency (and desk), the last line bold, a short rule below.
        var runs: [Run] = []
        for (index, line) in doc.agencyLines.enumerated() {
            let last = index == doc.agencyLines.count - 1
            runs.append(Run(text: line + (last ? "" : "\n"), bold: last))
        }
        let agency = makeLayout(runs, size: format.header, width: agencyWidth, align: .center)
        let agencyHeight = size(of: agency).height
        draw(agency, x: agencyX, y: rowTop)
        release(agency)
        let agencyRule = agencyWidth / 3
        rule(x: agencyX + (agencyWidth - agencyRule) / 2, y: rowTop + agencyHeight + 2, length: agencyRule)

        // National header, the motto underlined, then the place/date line.
        var nationY = rowTop
        let nation = makeLayout([.plain(nationText)], size: nationSize, width: nationWidth, align: .center, bold: true)
        draw(nation, x: nationX, y: nationY)
        nationY += size(of: nation).height
        release(nation)
        let motto = makeLayout([.plain("Độc lập - Tự do - Hạnh phúc")], size: format.header + 0.5, width: nationWidth,
                               align: .center, bold: true)
        draw(motto, x: nationX, y: nationY)
        let mottoWidth: Double = {
            let line = makeLayout([.plain("Độc lập - Tự do - Hạnh phúc")], size: format.header + 0.5, width: 0, align: .left, bold: true)
            defer { release(line) }
            return size(of: line).width
        }()
        nationY += size(of: motto).height
        release(motto)
        rule(x: nationX + (nationWidth - mottoWidth) / 2, y: nationY + 1.5, length: mottoWidth)
        nationY += 6
        let date = makeLayout([.italic(doc.placeDate)], size: format.header, width: nationWidth, align: .center)
        draw(date, x: nationX, y: nationY)
        nationY += size(of: date).height
        release(date)

        y = max(rowTop + format.qrSide, rowTop + agencyHeight + 4, nationY) + 10

        // Title, fitted to one line where it can be, then the dossier code.
        let titleSize = fittingSize(doc.title, size: format.title, width: width, bold: true)
        let title = makeLayout([.plain(doc.title)], size: titleSize, width: width, align: .center, bold: true)
        flow(title, x: left)
        release(title)
        y += 2
        let code = makeLayout([.plain("Mã hồ sơ: "), .bold(doc.dossierCode)], size: format.body, width: width, align: .center)
        flow(code, x: left)
        release(code)
        y += 6
    }

    private func rule(x: Double, y: Double, length: Double) {
        guard let cr else { return }
        cairo_set_line_width(cr, 0.6)
        cairo_move_to(cr, x, y)
        cairo_line_to(cr, x + length, y)
        cairo_stroke(cr)
    }

    /// The QR symbol as filled squares (one path of dark runs), with a 4-module quiet zone inside `side`.
    private func drawQR(x: Double, y: Double, side: Double) {
        guard let cr else { return }
        let module = side / Double(doc.qr.size + 8)
        cairo_save(cr)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_rectangle(cr, x, y, side, side)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_new_path(cr)
        for run in doc.qr.darkRuns() {
            cairo_rectangle(cr, x + Double(run.x + 4) * module, y + Double(run.y + 4) * module,
                            Double(run.length) * module, module)
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
        cairo_fill(cr)
        cairo_restore(cr)
    }

    // MARK: Blocks

    private func paragraph(_ paragraph: Paragraph) {
        y += paragraph.spaceBefore
        let layout = makeLayout(paragraph.runs, size: format.body, width: width - paragraph.indent,
                                align: paragraph.align, hanging: paragraph.hanging)
        defer { release(layout) }
        flow(layout, x: left + paragraph.indent)
    }

    private func table(_ table: Table) {
        y += 4
        let total = table.columns.reduce(0) { $0 + $1.width }
        let widths = table.columns.map { $0.width / total * width }
        let padding = 2.5
        let header = table.columns.map { Row.Cell(text: $0.title, align: .center) }
        var rows = table.rows.map { cells in
            cells.enumerated().map { index, text in
                Row.Cell(text: text, align: index < table.columns.count ? table.columns[index].align : .left)
            }
        }
        var spans = false
        if rows.isEmpty {
            rows = [[Row.Cell(text: FormCatalog.blank, align: .center)]]
            spans = true
        }

        func layouts(_ cells: [Row.Cell], bold: Bool, spanning: Bool) -> Row {
            var layouts: [OpaquePointer] = []
            var height = 0.0
            for (index, cell) in cells.enumerated() where index < widths.count {
                let cellWidth = spanning ? width : widths[index]
                let layout = makeLayout([.plain(cell.text)], size: format.table, width: cellWidth - 2 * padding,
                                        align: cell.align, bold: bold)
                layouts.append(layout)
                height = max(height, size(of: layout).height)
            }
            return Row(layouts: layouts, height: height + 2 * padding)
        }

        func drawRow(_ row: Row, shaded: Bool, spanning: Bool) {
            if let cr {
                var x = left
                for (index, layout) in row.layouts.enumerated() {
                    let cellWidth = spanning ? width : widths[index]
                    if shaded {
                        cairo_set_source_rgb(cr, 0.92, 0.92, 0.92)
                        cairo_rectangle(cr, x, y, cellWidth, row.height)
                        cairo_fill(cr)
                        cairo_set_source_rgb(cr, 0, 0, 0)
                    }
                    cairo_move_to(cr, x + padding, y + padding)
                    pango_cairo_show_layout(cr, layout)
                    cairo_set_line_width(cr, 0.5)
                    cairo_rectangle(cr, x, y, cellWidth, row.height)
                    cairo_stroke(cr)
                    x += cellWidth
                }
            }
            y += row.height
        }

        let head = layouts(header, bold: true, spanning: false)
        defer { head.layouts.forEach(release) }
        // Keep the header with the first row.
        let first = layouts(rows[0], bold: false, spanning: spans)
        if y + head.height + first.height > bottom { newPage() }
        first.layouts.forEach(release)
        drawRow(head, shaded: true, spanning: false)
        var rowsOnPage = 0
        for cells in rows {
            let row = layouts(cells, bold: false, spanning: spans)
            defer { row.layouts.forEach(release) }
            if y + row.height > bottom, rowsOnPage > 0 {
                newPage()
                drawRow(head, shaded: true, spanning: false)
                rowsOnPage = 0
            }
            drawRow(row, shaded: false, spanning: spans)
            rowsOnPage += 1
        }
    }

    private struct Row {
        struct Cell {
            var text: String
            var align: Align
        }

        var layouts: [OpaquePointer]
        var height: Double
    }

    private func signatures(_ signatures: [Signature]) {
        y += 10
        let columnWidth = width / 2
        let signSpace = 44.0
        var prepared: [(x: Double, title: OpaquePointer, note: OpaquePointer, name: OpaquePointer?)] = []
        var height = 0.0
        for (index, signature) in signatures.enumerated() {
            let x = signatures.count == 1 ? left + columnWidth : left + Double(index) * columnWidth
            let title = makeLayout([.plain(signature.title)], size: format.body, width: columnWidth - 8, align: .center, bold: true)
            let note = makeLayout([.plain(signature.note)], size: format.small, width: columnWidth - 8, align: .center, italic: true)
            let name = signature.name.map {
                makeLayout([.plain($0)], size: format.body, width: columnWidth - 8, align: .center, bold: true)
            }
            let h = size(of: title).height + size(of: note).height + signSpace + (name.map { size(of: $0).height } ?? 0)
            height = max(height, h)
            prepared.append((x + 4, title, note, name))
        }
        if y + height > bottom { newPage() }
        for column in prepared {
            var columnY = y
            draw(column.title, x: column.x, y: columnY)
            columnY += size(of: column.title).height
            draw(column.note, x: column.x, y: columnY)
            columnY += size(of: column.note).height + signSpace
            if let name = column.name {
                draw(name, x: column.x, y: columnY)
                release(name)
            }
            release(column.title)
            release(column.note)
        }
        y += height
    }
}
