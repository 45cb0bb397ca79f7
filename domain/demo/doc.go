// Package demo is the demo sector: a realistic, deterministic script of
// commands for the ledger, used by tests and by `tdkt demo --data DIR` and
// `tdkt serve --demo`, which write it through the HTTP command pipeline.
//
// # What it contains
//
// From 15/12/2023 to 26/12/2025, in date order:
//
//   - Units: VKSND tối cao and nine of its units (Văn phòng, Thanh tra,
//     Vụ 14, 15, 16, Cục 2, 3, Viện Khoa học kiểm sát, Báo Bảo vệ pháp
//     luật); the three VKSND cấp cao until 30/6/2025, dissolved on 1/7/2025
//     with the three Viện Công tố và Kiểm sát xét xử phúc thẩm as
//     successors; 26 provincial procuracies before 1/7/2025 and 13 after
//     (Hà Nội, Lạng Sơn, Cao Bằng unchanged; ten consolidations following
//     the new provinces of DOMAIN.md §7: Tuyên Quang + Hà Giang, Thái
//     Nguyên + Bắc Kạn, TP HCM + Bình Dương + Bà Rịa - Vũng Tàu, Đồng Nai +
//     Bình Phước, Tây Ninh + Long An, Cần Thơ + Sóc Trăng + Hậu Giang,
//     Vĩnh Long + Bến Tre + Trà Vinh, Đồng Tháp + Tiền Giang, Cà Mau + Bạc
//     Liêu, An Giang + Kiên Giang), each with UnitsMerged and the sources
//     dissolved; the 11 district procuracies of Lạng Sơn and of An Giang,
//     replaced on 1/7/2025 by five VKSND khu vực each (one district split
//     between two regions); Vụ 16 becoming the Phòng Thi đua - Khen thưởng
//     of Văn phòng (renamed, reparented) and Cục 2 renamed.
//   - People: the head of every unit, the leaders of VKSND tối cao and the
//     staff the story follows — recruited, seconded, on leave, rated,
//     transferred to the merged and regional units, disciplined.
//   - Councils: the Hội đồng TĐKT ngành (standing office Vụ 16, then Văn
//     phòng), the sector initiative council (kiện toàn by QĐ 19/QĐ-VKSTC
//     of 22/7/2025), the TĐKT and initiative councils of Lạng Sơn and An
//     Giang; reconstitutions with full member snapshots and one chair,
//     members appointed and removed, meetings and ballots.
//   - Clusters and blocks: seven sector clusters and blocks and five
//     provincial ones for 2024 (HD 09/HD-VKSTC, CV 317/VKS-VP), again for
//     2025, then reorganised after 1/7/2025 on submitted and decided plans:
//     units removed, assigned and moved, clusters dissolved, formed,
//     renamed; leaders and deputies (R26–R28), council members in charge
//     (R29), covenants, registrations.
//   - Movements: the annual movements of 2024 and 2025 with their themes,
//     two thematic movements, plans, adoptions, reviews.
//   - Scores by criteria for every member of every cluster standing at the
//     end of 2024 and 2025 (one ScoreCorrected), rankings published and
//     finalized, leaders acclaimed with the cluster ballots R15 needs.
//   - Initiatives: one carried grassroots → sector → national (applied
//     first, evaluated by ballots ≥ 2/3), one recognised then revoked, one
//     failing evaluation; an accepted research work.
//   - Awards: individual and collective titles, Cờ thi đua ngành (R14–R16
//     ballots), Chiến sĩ thi đua ngành (R8 secret ballot ≥ 90%), Cờ thi đua
//     của Chính phủ (R33), Huân chương Lao động hạng Ba after a public
//     consultation (R10, CV 750/VP), an ad-hoc (đột xuất) Bằng khen, Kỷ
//     niệm chương, a rejection, a returned dossier, a corrected decision,
//     a hold, and two titles revoked on Điều 93 k2 d with recovery (R25).
//   - Intended failures (Step.Expect): a second cluster leader (R28), a
//     rotation ignored (R27), a unit in two clusters, a score for a
//     non-member, an initiative passed without 2/3 (R31), a national
//     recognition before the sector one (R32), a revocation without a
//     ground (R25), a consultation closed early (R10), a proposal under a
//     hold (R23), a proposal for a merged unit (R36), a Chiến sĩ thi đua
//     ngành decided on 75% of the votes (R8).
//
// Unit names are real: they are public bodies. Every person is fictitious
// and every name ends in "(hư cấu)". Document numbers that DOMAIN.md or
// the source guidance name are used as given; the others are made up and
// marked Basis.Illustrative. Cluster compositions other than Cụm 1, Cụm 13
// and Khối 4 of 2024, the regional procuracies' territories and all points
// are illustrative too.
//
// # Use
//
// Sector(seed) returns the steps; the same seed gives the same ids, names
// and scores. Each Step carries its command (CommandName, and Body, which
// domain.DecodeCommand decodes back to it), its date (the effective date
// and the now of domain.Decide), its Actor and its Basis, so a generic
// runner can post it to POST /api/v1/commands/{Name}. Steps with Expect
// are meant to be refused: a runner checks the refusal and goes on.
//
// Replay(steps) runs the script in memory through domain.Decide and
// domain.Evolve (Ledger.Apply), the way the api does, and fails on the
// first step that does not behave as scripted.
//
// The package is pure: no clock, disk or network.
package demo
