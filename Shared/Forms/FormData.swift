import Foundation

/// Data that fills a form, gathered by the processing service from a dossier.
///
/// Every text is rendered as given (after Unicode NFC normalisation and removal of control
/// characters); dates are shown in Vietnam time (UTC+7, no daylight saving time).
public struct FormData: Sendable, Hashable, Codable {
    /// The form's number, "01" … "07" (Circular 03/2025/TT-VPCP).
    public var formNumber: String
    /// The dossier code, e.g. "000.00.01.H30-261125-0001".
    public var dossierCode: String
    /// The procedure code, e.g. "1.001193".
    public var procedureCode: String
    /// The procedure name, e.g. "Đăng ký khai sinh".
    public var procedureName: String
    /// The issuing agency, e.g. "Sở Tư pháp".
    public var agencyName: String
    /// The one-stop desk, e.g. "Trung tâm Phục vụ hành chính công tỉnh".
    public var deskName: String?
    /// The applicant (person or organisation), e.g. "Nguyễn Văn An".
    public var applicantName: String
    /// The citizen's 12-digit personal identification number, or the organisation's tax/enterprise code.
    public var applicantIdNumber: String
    /// The applicant's address.
    public var applicantAddress: String?
    /// The applicant's phone number.
    public var applicantPhone: String?
    /// The applicant's e-mail address.
    public var applicantEmail: String?
    /// When the form was issued; gives the place/date line ("…, ngày 25 tháng 11 năm 2026").
    public var issuedAt: Date
    /// When the dossier was received (forms 01, 04, 05, 06).
    public var receivedAt: Date?
    /// The appointment to return the result (form 01, 06); the old due date on form 04.
    public var dueAt: Date?
    /// The new appointment on form 04.
    public var newDueAt: Date?
    /// The dossier components received (form 01), with the number of originals and copies.
    public var components: [Component]
    /// Form 02: every missing item, in full (the guidance is given once).
    public var missingItems: [String]
    /// Forms 03, 04, 05: the reasons (form 02 shows them too when given).
    public var reasons: [String]
    /// Who issues and signs the form.
    public var officerName: String?
    /// The signer's title, e.g. "Cán bộ tiếp nhận"; each form has a default.
    public var officerTitle: String?
    /// How the result is returned (form 01): "Trực tiếp", "Bưu chính", "Trực tuyến".
    public var returnChannel: String?
    /// Form 06: the hand-overs, in order.
    public var timeline: [TimelineEntry]
    /// Form 07: the register lines.
    public var register: [RegisterRow]
    /// The place named in the place/date line (e.g. "Hà Nam"); a dotted blank when nil.
    public var place: String?
    /// Form 01: the dossier's lookup token, printed under the receipt and in the status page's
    /// address. Set only when rendering, after the token was checked against the dossier's hash;
    /// never part of the data a form is stored with.
    public var lookupToken: String?
    /// Form 01: the public status page, `<portal>/track/{code}?token=<token>`; when set, the QR
    /// code opens it instead of carrying `qrPayload`'s identification.
    public var statusURL: String?

    /// One dossier component received at the desk (form 01).
    public struct Component: Sendable, Hashable, Codable {
        /// The component's name, e.g. "Tờ khai đăng ký khai sinh".
        public var name: String
        /// How many originals were received.
        public var originals: Int
        /// How many copies were received.
        public var copies: Int

        /// Creates a component line.
        public init(name: String, originals: Int = 0, copies: Int = 0) {
            self.name = name
            self.originals = originals
            self.copies = copies
        }
    }

    /// One hand-over of the dossier (form 06).
    public struct TimelineEntry: Sendable, Hashable, Codable {
        /// The step, e.g. "Tiếp nhận hồ sơ", "Thẩm định hồ sơ".
        public var step: String
        /// Who handed over (person and unit).
        public var from: String
        /// Who received it (person and unit).
        public var to: String
        /// When the hand-over happened.
        public var at: Date
        /// The step's deadline.
        public var stepDueAt: Date?
        /// Whether the step finished on time; nil while not finished. Shown as "Trước hạn" (a calendar
        /// day before `stepDueAt`), "Đúng hạn" or "Quá hạn".
        public var onTime: Bool?
        /// A note.
        public var note: String?

        /// Creates a hand-over line.
        public init(step: String, from: String, to: String, at: Date,
                    stepDueAt: Date? = nil, onTime: Bool? = nil, note: String? = nil) {
            self.step = step
            self.from = from
            self.to = to
            self.at = at
            self.stepDueAt = stepDueAt
            self.onTime = onTime
            self.note = note
        }
    }

    /// One line of the tracking book (form 07).
    public struct RegisterRow: Sendable, Hashable, Codable {
        /// The dossier code.
        public var dossierCode: String
        /// The procedure's name.
        public var procedureName: String
        /// The applicant (person or organisation).
        public var applicantName: String
        /// When the dossier was received.
        public var receivedAt: Date?
        /// The appointment to return the result.
        public var dueAt: Date?
        /// When the result was ready.
        public var finishedAt: Date?
        /// When the result was returned.
        public var returnedAt: Date?
        /// The status as shown, e.g. "Đã trả kết quả".
        public var status: String

        /// Creates a register line.
        public init(dossierCode: String, procedureName: String, applicantName: String,
                    receivedAt: Date? = nil, dueAt: Date? = nil, finishedAt: Date? = nil,
                    returnedAt: Date? = nil, status: String = "") {
            self.dossierCode = dossierCode
            self.procedureName = procedureName
            self.applicantName = applicantName
            self.receivedAt = receivedAt
            self.dueAt = dueAt
            self.finishedAt = finishedAt
            self.returnedAt = returnedAt
            self.status = status
        }
    }

    /// Creates the data of one form; only the identifying fields are required.
    public init(
        formNumber: String,
        dossierCode: String,
        procedureCode: String,
        procedureName: String,
        agencyName: String,
        deskName: String? = nil,
        applicantName: String,
        applicantIdNumber: String,
        applicantAddress: String? = nil,
        applicantPhone: String? = nil,
        applicantEmail: String? = nil,
        issuedAt: Date,
        receivedAt: Date? = nil,
        dueAt: Date? = nil,
        newDueAt: Date? = nil,
        components: [Component] = [],
        missingItems: [String] = [],
        reasons: [String] = [],
        officerName: String? = nil,
        officerTitle: String? = nil,
        returnChannel: String? = nil,
        timeline: [TimelineEntry] = [],
        register: [RegisterRow] = [],
        place: String? = nil
    ) {
        self.formNumber = formNumber
        self.dossierCode = dossierCode
        self.procedureCode = procedureCode
        self.procedureName = procedureName
        self.agencyName = agencyName
        self.deskName = deskName
        self.applicantName = applicantName
        self.applicantIdNumber = applicantIdNumber
        self.applicantAddress = applicantAddress
        self.applicantPhone = applicantPhone
        self.applicantEmail = applicantEmail
        self.issuedAt = issuedAt
        self.receivedAt = receivedAt
        self.dueAt = dueAt
        self.newDueAt = newDueAt
        self.components = components
        self.missingItems = missingItems
        self.reasons = reasons
        self.officerName = officerName
        self.officerTitle = officerTitle
        self.returnChannel = returnChannel
        self.timeline = timeline
        self.register = register
        self.place = place
    }
}
