package synth

// The 34 provinces and centrally-run cities after the 2025 merger.
var provinces = []string{
	"thành phố Hà Nội", "thành phố Huế", "tỉnh Lai Châu", "tỉnh Điện Biên", "tỉnh Sơn La", "tỉnh Lạng Sơn",
	"tỉnh Quảng Ninh", "tỉnh Thanh Hóa", "tỉnh Nghệ An", "tỉnh Hà Tĩnh", "tỉnh Cao Bằng", "tỉnh Tuyên Quang",
	"tỉnh Lào Cai", "tỉnh Thái Nguyên", "tỉnh Phú Thọ", "tỉnh Bắc Ninh", "tỉnh Hưng Yên", "thành phố Hải Phòng",
	"tỉnh Ninh Bình", "tỉnh Quảng Trị", "thành phố Đà Nẵng", "tỉnh Quảng Ngãi", "tỉnh Gia Lai", "tỉnh Khánh Hòa",
	"tỉnh Lâm Đồng", "tỉnh Đắk Lắk", "thành phố Hồ Chí Minh", "tỉnh Đồng Nai", "tỉnh Tây Ninh", "thành phố Cần Thơ",
	"tỉnh Vĩnh Long", "tỉnh Đồng Tháp", "tỉnh Cà Mau", "tỉnh An Giang",
}

// Units under the Supreme People's Procuracy.
var centralNames = []string{
	"Văn phòng VKSND tối cao", "Vụ Thực hành quyền công tố và kiểm sát điều tra án an ninh",
	"Vụ Thực hành quyền công tố và kiểm sát điều tra án trật tự xã hội", "Vụ Thực hành quyền công tố và kiểm sát điều tra án kinh tế",
	"Vụ Thực hành quyền công tố và kiểm sát điều tra án ma túy", "Vụ Thực hành quyền công tố và kiểm sát điều tra án tham nhũng, chức vụ",
	"Vụ Kiểm sát án hình sự", "Vụ Kiểm sát việc giải quyết các vụ, việc dân sự, hôn nhân và gia đình",
	"Vụ Kiểm sát việc giải quyết các vụ án hành chính, vụ việc kinh doanh, thương mại, lao động",
	"Vụ Kiểm sát thi hành án dân sự", "Vụ Kiểm sát thi hành án hình sự", "Vụ Hợp tác quốc tế và tương trợ tư pháp về hình sự",
	"Vụ Pháp chế và Quản lý khoa học", "Vụ Thống kê tội phạm và Công nghệ thông tin", "Vụ Tổ chức cán bộ",
	"Vụ Thi đua - Khen thưởng", "Vụ Kế hoạch - Tài chính", "Thanh tra VKSND tối cao", "Cục Điều tra VKSND tối cao",
	"Cục Kiểm sát điều tra", "Vụ Giải quyết khiếu nại, tố cáo và kiểm sát hoạt động tư pháp", "Viện Kiểm sát quân sự trung ương",
	"Trường Đại học Kiểm sát", "Trường Đào tạo, bồi dưỡng nghiệp vụ kiểm sát", "Báo Bảo vệ pháp luật", "Tạp chí Kiểm sát",
	"Viện Khoa học kiểm sát",
}

var surnames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}

var middles = []string{"Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Đức", "Quang", "Thu", "Hoài", "Xuân", "Bảo", "Kim", "Anh"}

var givens = []string{
	"An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh",
	"Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Phong", "Phúc", "Phương", "Quân", "Quyên", "Sơn", "Tâm", "Thảo",
	"Thắng", "Trang", "Trung", "Tú", "Tuấn", "Vân", "Việt", "Yến",
}

// Position titles, most senior first: the first people of a unit are its
// leaders, the rest prosecutors and clerks.
var titles = []string{
	"Viện trưởng", "Phó Viện trưởng", "Phó Viện trưởng", "Chánh Văn phòng", "Trưởng phòng", "Phó Trưởng phòng",
	"Kiểm sát viên trung cấp", "Kiểm sát viên sơ cấp", "Kiểm tra viên", "Chuyên viên",
}

// Criteria of the scoring tables (Bảng điểm thi đua), with their maximum
// points (in hundredths).
var criteria = []struct {
	code, title string
	max         int64
	bonus, pen  bool
}{
	{"I.1", "Công tác thực hành quyền công tố và kiểm sát điều tra", 3000, false, false},
	{"I.2", "Công tác kiểm sát xét xử hình sự", 2500, false, false},
	{"I.3", "Công tác kiểm sát giải quyết các vụ, việc dân sự, hành chính", 1500, false, false},
	{"I.4", "Công tác kiểm sát thi hành án dân sự, hành chính", 800, false, false},
	{"I.5", "Công tác kiểm sát tạm giữ, tạm giam và thi hành án hình sự", 800, false, false},
	{"I.6", "Công tác giải quyết khiếu nại, tố cáo trong hoạt động tư pháp", 600, false, false},
	{"II.1", "Công tác xây dựng Đảng, xây dựng ngành", 500, false, false},
	{"II.2", "Công tác tổ chức cán bộ, đào tạo, bồi dưỡng", 400, false, false},
	{"II.3", "Công tác văn phòng, thống kê, ứng dụng công nghệ thông tin", 400, false, false},
	{"T.1", "Điểm thưởng: mô hình mới, cách làm hay", 500, true, false},
	{"P.1", "Điểm trừ: án bị hủy, cải sửa do lỗi chủ quan", 1000, false, true},
}

var initiativeTitles = []string{
	"Báo cáo án bằng sơ đồ tư duy", "Số hóa hồ sơ kiểm sát án hình sự", "Phần mềm theo dõi thời hạn tố tụng",
	"Mẫu biên bản kiểm sát trực tiếp trại tạm giam", "Quy trình phối hợp tranh tụng tại phiên tòa rút gọn",
	"Bảng kiểm kiểm sát hồ sơ thi hành án dân sự", "Sổ tay kiểm sát viên về án ma túy", "Hướng dẫn xây dựng đề cương xét hỏi",
	"Ứng dụng tra cứu văn bản pháp luật trên điện thoại", "Mô hình phiên tòa rút kinh nghiệm trực tuyến",
}
