package api

// Event labels: what each event type means, in Vietnamese and English, for
// people reading a record's history (the history page, the audit-trail
// route, tdkt replay).

// EventLabel returns what an event of type typ records, in words: in
// Vietnamese for lang "vi", English for "en". An unknown type is returned
// as it is.
func EventLabel(typ, lang string) string {
	l, ok := eventLabels[typ]
	if !ok {
		return typ
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// eventLabels names each event type in words, Vietnamese and English.
var eventLabels = map[string][2]string{
	"UnitEstablished":                    {"Thành lập đơn vị", "Unit established"},
	"UnitRenamed":                        {"Đổi tên đơn vị", "Unit renamed"},
	"UnitsMerged":                        {"Hợp nhất, sáp nhập đơn vị", "Units merged"},
	"UnitSplit":                          {"Chia tách đơn vị", "Unit split"},
	"UnitDissolved":                      {"Giải thể đơn vị", "Unit dissolved"},
	"UnitReparented":                     {"Chuyển đơn vị sang đơn vị cấp trên khác", "Unit moved under a new parent"},
	"PersonRecruited":                    {"Tuyển dụng", "Person recruited"},
	"PersonTransferred":                  {"Điều động, chuyển công tác", "Person transferred"},
	"PersonSeconded":                     {"Biệt phái", "Person seconded"},
	"PersonLeaveRecorded":                {"Ghi nhận thời gian nghỉ", "Leave recorded"},
	"PerformanceRated":                   {"Đánh giá, xếp loại mức độ hoàn thành nhiệm vụ", "Performance rated"},
	"DisciplineImposed":                  {"Thi hành kỷ luật", "Discipline imposed"},
	"DisciplineEnded":                    {"Hết thời hạn kỷ luật", "Discipline ended"},
	"ReviewProceedingOpened":             {"Mở xem xét, thanh tra, giải quyết khiếu nại", "Review proceeding opened"},
	"ReviewProceedingClosed":             {"Kết thúc xem xét, thanh tra, giải quyết khiếu nại", "Review proceeding closed"},
	"CouncilConstituted":                 {"Thành lập Hội đồng", "Council constituted"},
	"CouncilReconstituted":               {"Kiện toàn Hội đồng", "Council reconstituted"},
	"CouncilMemberAppointed":             {"Bổ sung thành viên Hội đồng", "Council member appointed"},
	"CouncilMemberRemoved":               {"Thôi làm thành viên Hội đồng", "Council member removed"},
	"CouncilStandingOfficeDesignated":    {"Giao cơ quan thường trực Hội đồng", "Council standing office designated"},
	"CouncilMemberAssignedToCluster":     {"Phân công thành viên Hội đồng phụ trách cụm, khối", "Council member assigned to a cluster"},
	"CouncilMeetingHeld":                 {"Họp Hội đồng", "Council meeting held"},
	"BallotRecorded":                     {"Ghi nhận kết quả bỏ phiếu", "Ballot recorded"},
	"ClusterFormed":                      {"Thành lập cụm, khối thi đua", "Cluster or block formed"},
	"ClusterRenamed":                     {"Đổi tên cụm, khối thi đua", "Cluster or block renamed"},
	"UnitAssignedToCluster":              {"Đưa đơn vị vào cụm, khối thi đua", "Unit assigned to a cluster"},
	"UnitRemovedFromCluster":             {"Đưa đơn vị ra khỏi cụm, khối thi đua", "Unit removed from a cluster"},
	"UnitMovedBetweenClusters":           {"Chuyển đơn vị sang cụm, khối khác", "Unit moved between clusters"},
	"ClusterLeadershipAssigned":          {"Phân công trưởng cụm, phó cụm", "Cluster leadership assigned"},
	"ClusterDissolved":                   {"Giải thể cụm, khối thi đua", "Cluster or block dissolved"},
	"ClusterReorganizationPlanSubmitted": {"Gửi phương án tổ chức lại cụm, khối thi đua", "Cluster reorganization plan submitted"},
	"ClusterReorganizationPlanDecided":   {"Quyết định phương án tổ chức lại cụm, khối thi đua", "Cluster reorganization plan decided"},
	"MovementLaunched":                   {"Phát động phong trào thi đua", "Movement launched"},
	"MovementAdopted":                    {"Hưởng ứng phong trào thi đua", "Movement adopted"},
	"EmulationPlanAdopted":               {"Ban hành kế hoạch thi đua", "Emulation plan adopted"},
	"MovementReviewHeld":                 {"Sơ kết, tổng kết phong trào thi đua", "Movement review held"},
	"EmulationRegistrationSubmitted":     {"Đăng ký thi đua", "Emulation registration submitted"},
	"EmulationRegistrationAmended":       {"Sửa đổi đăng ký thi đua", "Emulation registration amended"},
	"EmulationRegistrationWithdrawn":     {"Rút đăng ký thi đua", "Emulation registration withdrawn"},
	"CovenantSigned":                     {"Ký kết giao ước thi đua", "Covenant signed"},
	"ScoringSchemePublished":             {"Ban hành bảng chấm điểm", "Scoring scheme published"},
	"ScoreRecorded":                      {"Chấm điểm thi đua", "Score recorded"},
	"ScoreCorrected":                     {"Điều chỉnh điểm thi đua", "Score corrected"},
	"ClusterRankingPublished":            {"Công bố xếp hạng cụm, khối", "Cluster ranking published"},
	"ClusterRankingFinalized":            {"Chốt xếp hạng cụm, khối", "Cluster ranking finalized"},
	"ClusterLeaderAcclaimed":             {"Suy tôn đơn vị dẫn đầu cụm, khối", "Cluster leader acclaimed"},
	"InitiativeSubmitted":                {"Nộp sáng kiến", "Initiative submitted"},
	"InitiativeApplied":                  {"Áp dụng sáng kiến", "Initiative applied"},
	"InitiativeEvaluated":                {"Hội đồng đánh giá sáng kiến", "Initiative evaluated"},
	"InitiativeRecognized":               {"Công nhận sáng kiến", "Initiative recognized"},
	"InitiativeRecognitionRevoked":       {"Hủy công nhận sáng kiến", "Initiative recognition revoked"},
	"ResearchWorkAccepted":               {"Nghiệm thu đề tài, đề án", "Research work accepted"},
	"AwardProposed":                      {"Đề nghị khen thưởng", "Award proposed"},
	"DossierFiled":                       {"Nộp hồ sơ khen thưởng", "Dossier filed"},
	"DossierReturnedForCompletion":       {"Trả hồ sơ để hoàn thiện", "Dossier returned for completion"},
	"DossierAppraised":                   {"Thẩm định hồ sơ", "Dossier appraised"},
	"PublicConsultationOpened":           {"Lấy ý kiến công khai", "Public consultation opened"},
	"PublicConsultationClosed":           {"Kết thúc lấy ý kiến công khai", "Public consultation closed"},
	"AwardHoldPlaced":                    {"Tạm dừng xét khen thưởng", "Award hold placed"},
	"AwardHoldLifted":                    {"Tiếp tục xét khen thưởng", "Award hold lifted"},
	"AwardDecided":                       {"Quyết định khen thưởng", "Award decided"},
	"AwardRejected":                      {"Không khen thưởng", "Award rejected"},
	"AwardConferred":                     {"Trao tặng khen thưởng", "Award conferred"},
	"AwardRevoked":                       {"Hủy bỏ quyết định khen thưởng", "Award revoked"},
	"AwardAmended":                       {"Đính chính quyết định khen thưởng", "Award amended"},
	"DeadlineSetPublished":               {"Công bố thời hạn gửi hồ sơ", "Dossier deadlines published"},
}
