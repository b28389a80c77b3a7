// The evidence table of Mẫu số 02 Phần III (Quyết định 26/2026/QĐ-TTg,
// Phụ lục III), word for word: "Nội dung" and "Yêu cầu" of each row.
// Source: ../shared/reference/26-2026/raw-phu-luc-III-forms.md.
//
// Which rows a criterion shows is this app's matching, not the decision's:
// `keys` are words of criterion titles (without diacritics) that point at
// the row. The whole table is always shown too, so a producer who finds a
// hint missing still sees every row.

export const EVIDENCE = [
  { topic: 'Giấy đăng ký kinh doanh',
    need: 'Bản sao chứng minh hoạt động kinh doanh hợp pháp (đối với các đơn vị/cá nhân có đăng ký kinh doanh)',
    keys: ['loai hinh to chuc', 'dieu kien kinh doanh'] },
  { topic: 'Giấy chứng nhận cơ sở đủ điều kiện sản xuất',
    need: 'Bản sao (đối với sản phẩm cần phải có giấy chứng nhận theo quy định hiện hành)',
    keys: ['dam bao chat luong', 'an toan thuc pham'] },
  { topic: 'Nguồn gốc nguyên liệu, vùng nguyên liệu, liên kết chuỗi',
    need: 'Bản sao tài liệu: Giấy xác nhận an toàn thực phẩm đối với vùng nguyên liệu, hợp đồng mua bán/hợp đồng nguyên tắc, thỏa thuận liên kết, thanh lý hợp đồng, hóa đơn chứng từ hợp lệ... chứng minh nguồn gốc nguyên liệu, liên kết chuỗi.',
    keys: ['nguon goc san pham', 'nguyen lieu', 'lien ket'] },
  { topic: 'Bảo vệ môi trường, sử dụng công nghệ theo hướng bền vững',
    need: 'Bản sao hồ sơ, thủ tục về môi trường theo quy định; hình ảnh minh chứng về thực hiện giải pháp bảo vệ môi trường; hình ảnh, mô tả công nghệ sử dụng theo hướng bền vững.',
    keys: ['moi truong', 'ben vung'] },
  { topic: 'Sử dụng lao động địa phương',
    need: 'Danh sách lao động đóng bảo hiểm có xác nhận của chủ thể, bao gồm cả nơi thường trú.',
    keys: ['lao dong'] },
  { topic: 'Tăng trưởng sản xuất kinh doanh',
    need: '- Bản sao Tài liệu minh chứng kết quả phân loại hợp tác xã hoặc báo cáo tài chính 2 năm gần nhất. - Bản sao Báo cáo tài chính của chủ thể 2 năm gần nhất.',
    keys: ['tang truong'] },
  { topic: 'Sở hữu trí tuệ',
    need: 'Minh chứng thể hiện Đơn đăng ký nhãn hiệu đã được cơ quan có thẩm quyền chấp nhận hoặc công bố. Bản sao Giấy chứng nhận đăng ký nhãn hiệu; văn bằng ghi nhận quyền sử dụng chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu chứng nhận; Bằng sáng chế, Bằng độc quyền kiểu dáng công nghiệp,...',
    keys: ['so huu tri tue'] },
  { topic: 'Phát triển thị trường, hoạt động quảng bá, xúc tiến thương mại',
    need: 'Bản sao tài liệu: Hợp đồng, cam kết, ký gửi, đặt hàng, biên nhận, hóa đơn, chứng từ để minh chứng xác nhận về phân phối sản phẩm, xuất khẩu sản phẩm, hoạt động xúc tiến thương mại...',
    keys: ['phan phoi', 'thi truong'] },
  { topic: 'Quảng bá sản phẩm',
    need: 'Tài liệu minh chứng về website, hoạt động quảng bá.',
    keys: ['quang ba'] },
  { topic: 'Câu chuyện về sản phẩm',
    need: 'Bản sao tờ rơi, hình ảnh, phim, ghi âm... minh chứng về câu chuyện của sản phẩm',
    keys: ['cau chuyen', 'ban sac'] },
  { topic: 'Công bố chất lượng sản phẩm',
    need: 'Bản sao tài liệu, chứng minh chất lượng sản phẩm được công bố',
    keys: ['cong bo'] },
  { topic: 'Phiếu kết quả kiểm nghiệm chỉ tiêu chất lượng, an toàn thực phẩm theo tiêu chuẩn công bố',
    need: 'Bản sao tài liệu chứng minh đạt tiêu chuẩn chất lượng, an toàn thực phẩm.',
    keys: ['cong bo', 'dinh duong'] },
  { topic: 'Mã số mã vạch, tem truy xuất nguồn gốc,',
    need: 'Bản sao tài liệu, chứng minh mã, tem, sở hữu thương hiệu...',
    keys: ['ghi nhan', 'truy xuat'] },
  { topic: 'Hệ thống quản lý chất lượng tiên tiến, kiểm soát chất lượng',
    need: 'Bản sao tài liệu: chứng nhận Hệ thống quản lý chất lượng tiên tiến, chứng minh hệ thống quản lý đạt tiêu chuẩn',
    keys: ['dam bao chat luong', 'quan ly chat luong'] },
  { topic: 'Giải thưởng của sản phẩm, bình chọn của các tổ chức uy tín trong nước và quốc tế...',
    need: 'Bản sao tài liệu, minh chứng về các thành tích, giải thưởng, bình chọn...',
    keys: ['giai thuong'] },
];

/** The decision's note for a product evaluated again (same form). */
export const REEVALUATION =
  'Đối với sản phẩm đăng ký đánh giá, phân hạng lại: cần rà soát, cập nhật những nội dung mới và đánh giá về những thay đổi, kết quả đạt được sau 3 năm được công nhận OCOP: về nguyên liệu, công nghệ sử dụng, bao bì, nhãn mác, công bố chất lượng, thị trường tiêu thụ, sản lượng, doanh thu; bổ sung các giấy tờ minh chứng pháp lý có thời hạn;....';

/** Mẫu 02 Phần III's instruction for the description column. */
export const PART_III_ASK =
  'Mô tả, chứng minh về kết quả tương ứng (mô tả, tài liệu minh chứng cho nội dung mô tả, được sắp xếp theo thứ tự các chỉ tiêu trong Bộ tiêu chí).';

/** Text without diacritics, lower case: "Gạo" and "gao" compare equal. */
export function fold(text) {
  return String(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** The table's rows that a criterion's title points at. */
export function evidenceFor(title) {
  const t = fold(title);
  return EVIDENCE.filter((row) => row.keys.some((k) => t.includes(k)));
}
