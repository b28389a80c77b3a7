//! The page's words, in Vietnamese and English. Outcome labels are the
//! report's own ([`Outcome::label`](crate::report::Outcome::label)).

use crate::report::{AHEAD_MONTHS, NEAR_CHANGES, NEAR_EDGE};

/// The page's words in one language.
pub(super) struct Words {
    /// Whether the words are Vietnamese (outcome labels follow).
    pub vi: bool,
    pub code: &'static str,
    pub title: &'static str,
    pub lines: &'static str,
    pub scored: &'static str,
    pub rejected: &'static str,
    pub nothing: &'static str,
    pub overview: &'static str,
    pub outcome: &'static str,
    pub products: &'static str,
    pub first_errors: &'static str,
    pub line: &'static str,
    pub product: &'static str,
    pub error: &'static str,
    pub places: &'static str,
    pub place: &'static str,
    pub totals: &'static str,
    pub mean_total: &'static str,
    pub edge: &'static str,
    pub near: &'static str,
    pub held: &'static str,
    pub held_note: &'static str,
    pub criterion: &'static str,
    pub title_col: &'static str,
    pub tier: &'static str,
    pub none: &'static str,
    pub parts: &'static str,
    pub set: &'static str,
    pub spread: &'static str,
    pub highest: &'static str,
    pub lowest: &'static str,
    pub difference: &'static str,
    pub limit: &'static str,
    pub audit: &'static str,
    pub recorded: &'static str,
    pub recomputed: &'static str,
    pub not_recognised: &'static str,
    pub plans: &'static str,
    pub changes: &'static str,
    pub changes_n: [&'static str; 4],
    pub already: &'static str,
    pub unreachable: &'static str,
    pub raised: &'static str,
    pub plans_count: &'static str,
    pub made_by: &'static str,
    pub grouped_by: &'static str,
    pub in_title: &'static str,
    pub no_field: &'static str,
    pub not_given: &'static str,
    pub act: &'static str,
    pub act_note: &'static str,
    pub producer: &'static str,
    pub now: &'static str,
    pub next: &'static str,
    pub steps: &'static str,
    pub option: &'static str,
    pub held_list: &'static str,
    pub band: &'static str,
    pub failed: &'static str,
    pub renewals: &'static str,
    pub renewals_note: &'static str,
    pub as_of: &'static str,
    pub due_within: &'static str,
    pub ended: &'static str,
    pub due_list: &'static str,
    pub recognised: &'static str,
    pub ends: &'static str,
    pub window: &'static str,
    pub state: &'static str,
    pub later: &'static str,
    pub unreadable: &'static str,
    pub share: &'static str,
    /// The place fields' names.
    pub fields: [(&'static str, &'static str); 3],
}

pub(super) const VI: Words = Words {
    vi: true,
    code: "vi",
    title: "Báo cáo chấm điểm OCOP",
    lines: "dòng",
    scored: "đã chấm",
    rejected: "bị từ chối",
    nothing: "Không có sản phẩm nào được chấm điểm.",
    overview: "Tổng quan",
    outcome: "Kết quả",
    products: "Sản phẩm",
    first_errors: "Các dòng bị từ chối đầu tiên",
    line: "Dòng",
    product: "Sản phẩm",
    error: "Lỗi",
    places: "Số sao theo địa bàn",
    place: "Địa bàn",
    totals: "Phân bố điểm trung bình của hội đồng",
    mean_total: "Điểm trung bình",
    edge: "Ngưỡng hạng",
    near: "Sản phẩm thiếu dưới {n} điểm để lên hạng",
    held: "Tiêu chí tối thiểu giữ sản phẩm dưới hạng theo điểm",
    held_note: "Với mỗi sản phẩm: các tiêu chí chưa đạt ở hạng thấp nhất đã quyết định số sao.",
    criterion: "Tiêu chí",
    title_col: "Tên tiêu chí",
    tier: "Hạng",
    none: "Không có.",
    parts: "Điểm trung bình từng phần theo bộ tiêu chí",
    set: "Bộ tiêu chí",
    spread: "Hội đồng chấm chênh lệch quá giới hạn",
    highest: "Cao nhất",
    lowest: "Thấp nhất",
    difference: "Chênh lệch",
    limit: "Giới hạn",
    audit: "Đối chiếu với số sao đã công nhận",
    recorded: "Đã công nhận",
    recomputed: "Chấm lại",
    not_recognised: "Không công nhận",
    plans: "Khoảng cách tới sao tiếp theo",
    changes: "Số tiêu chí cần thay đổi",
    changes_n: ["1", "2", "3", "4+"],
    already: "Đã đạt mục tiêu",
    unreachable: "Không thể đạt",
    raised: "Tiêu chí cần nâng nhiều nhất",
    plans_count: "Số kế hoạch",
    made_by: "Lập bằng ocop",
    grouped_by: "Nhóm theo",
    in_title: "ghi trong tiêu đề",
    no_field: "không dòng nào có",
    not_given: "không ghi",
    act: "Sản phẩm cần hỗ trợ",
    act_note: "Sản phẩm cách sao tiếp theo tối đa {n} thay đổi, theo địa bàn, với từng thay đổi: tiêu chí, phương án và điểm trung bình của hội đồng trước → sau.",
    producer: "Chủ thể",
    now: "Hiện tại",
    next: "Tiếp theo",
    steps: "Cần thay đổi",
    option: "phương án",
    held_list: "Sản phẩm bị giữ dưới hạng theo điểm bởi mức tối thiểu",
    band: "Hạng theo điểm",
    failed: "Tiêu chí chưa đạt",
    renewals: "Giấy chứng nhận đến hạn đánh giá lại",
    renewals_note: "Giấy chứng nhận có giá trị {valid} tháng kể từ ngày ban hành (QĐ 26/2026 Điều 4.3); hồ sơ đánh giá lại nộp không sớm hơn {from} ngày và không muộn hơn {by} ngày trước ngày hết hạn (Điều 7.6.a). Sao chấm lại theo bộ tiêu chí của dòng.",
    as_of: "Tính đến ngày",
    due_within: "Hết hạn đến ngày",
    ended: "Đã hết hạn",
    due_list: "Hết hạn trong {n} tháng tới",
    recognised: "Ngày công nhận",
    ends: "Hết hạn",
    window: "Hạn nộp hồ sơ",
    state: "Tình trạng",
    later: "hết hạn sau đó",
    unreadable: "ngày công nhận không đọc được",
    share: "Tỉ lệ so với điểm tối đa của phần (%)",
    fields: [
        ("province", "tỉnh"),
        ("district", "huyện"),
        ("commune", "xã, phường"),
    ],
};

pub(super) const EN: Words = Words {
    vi: false,
    code: "en",
    title: "OCOP scoring report",
    lines: "lines",
    scored: "scored",
    rejected: "rejected",
    nothing: "No product was scored.",
    overview: "Overview",
    outcome: "Outcome",
    products: "Products",
    first_errors: "First rejected lines",
    line: "Line",
    product: "Product",
    error: "Error",
    places: "Stars by place",
    place: "Place",
    totals: "Council mean totals",
    mean_total: "Mean total",
    edge: "Band edge",
    near: "Products less than {n} points below an edge",
    held: "Minimums that held products below their band",
    held_note: "For each product: the failed minimums of the lowest failed tier, which decided its star.",
    criterion: "Criterion",
    title_col: "Title",
    tier: "Tier",
    none: "None.",
    parts: "Part means by criteria set",
    set: "Criteria set",
    spread: "Councils over the spread limit",
    highest: "Highest",
    lowest: "Lowest",
    difference: "Difference",
    limit: "Limit",
    audit: "Audit against recorded stars",
    recorded: "Recorded",
    recomputed: "Recomputed",
    not_recognised: "Not recognised",
    plans: "Distance to the next star",
    changes: "Criteria to change",
    changes_n: ["1", "2", "3", "4+"],
    already: "Already there",
    unreachable: "Unreachable",
    raised: "Criteria the plans raise most often",
    plans_count: "Plans",
    made_by: "Made with ocop",
    grouped_by: "Grouped by",
    in_title: "named in the title",
    no_field: "no line has",
    not_given: "not given",
    act: "Products to act on",
    act_note: "Products at most {n} changes from their next star, by place, with each change: criterion, option and the council's mean points before → after.",
    producer: "Producer",
    now: "Now",
    next: "Next",
    steps: "Changes",
    option: "option",
    held_list: "Products held below their band by a minimum",
    band: "Band",
    failed: "Failed minimum",
    renewals: "Certificates coming up for re-evaluation",
    renewals_note: "A certificate is valid {valid} months from the day it is issued (26/2026 Điều 4.3); re-evaluation is filed no earlier than {from} and no later than {by} days before it ends (Điều 7.6.a). The rescored star is under the line's own edition.",
    as_of: "As of",
    due_within: "Ending up to",
    ended: "Already ended",
    due_list: "Ending within {n} months",
    recognised: "Recognised",
    ends: "Ends",
    window: "Filing window",
    state: "State",
    later: "ending later",
    unreadable: "unreadable recognition dates",
    share: "Share of the part's maximum (%)",
    fields: [
        ("province", "province"),
        ("district", "district"),
        ("commune", "commune"),
    ],
};

impl Words {
    /// The heading of the certificates ending soon, with the report's
    /// look-ahead.
    pub fn due_list(&self) -> String {
        self.due_list.replace("{n}", &AHEAD_MONTHS.to_string())
    }

    /// The note over the products to act on, with the report's reach.
    pub fn act_note(&self) -> String {
        self.act_note.replace("{n}", &NEAR_CHANGES.to_string())
    }

    /// The certificate rules, with their numbers from `certificate`.
    pub fn renewals_note(&self) -> String {
        use crate::certificate::{FILE_BY_DAYS, FILE_FROM_DAYS, VALID_MONTHS};
        self.renewals_note
            .replace("{valid}", &VALID_MONTHS.to_string())
            .replace("{from}", &FILE_FROM_DAYS.to_string())
            .replace("{by}", &FILE_BY_DAYS.to_string())
    }

    /// A place field's name for people; other fields keep their own.
    pub fn field<'f>(&self, f: &'f str) -> &'f str
    where
        'static: 'f,
    {
        self.fields.iter().find(|(k, _)| *k == f).map_or(f, |(_, v)| v)
    }

    /// A place value, or the words for a line without it.
    pub fn place<'v>(&self, v: Option<&'v str>) -> &'v str
    where
        'static: 'v,
    {
        v.unwrap_or(self.not_given)
    }

    /// The heading of the near-edge column, with the report's window.
    pub fn near(&self) -> String {
        self.near.replace("{n}", &NEAR_EDGE.to_string())
    }
}
