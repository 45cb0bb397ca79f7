package domain_test

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/tdkt/tdkt/domain"
)

func TestNormalizeName(t *testing.T) {
	decomposed := "Ho\u0300a" // "Hòa" as o + combining grave
	precomposed := "H\u00f2a"
	t.Run("DecomposedEqualsPrecomposed", func(t *testing.T) {
		a, err := domain.NormalizeName(decomposed)
		if err != nil {
			t.Fatal(err)
		}
		b, err := domain.NormalizeName(precomposed)
		if err != nil {
			t.Fatal(err)
		}
		if a != b || a != precomposed {
			t.Fatalf("%q vs %q", a, b)
		}
	})
	ok := map[string]string{
		"  Nguyễn   Văn\tA (hư cấu) ":         "Nguyễn Văn A (hư cấu)",
		"Viện\u00a0kiểm sát nhân dân":         "Viện kiểm sát nhân dân",
		norm.NFD.String("Trần Thị Bích Thủy"): "Trần Thị Bích Thủy",
		norm.NFD.String("VKSND tỉnh Đắk Lắk"): "VKSND tỉnh Đắk Lắk",
		"Cụm thi đua số 13":                   "Cụm thi đua số 13",
	}
	for in, want := range ok {
		got, err := domain.NormalizeName(in)
		if err != nil || got != want {
			t.Errorf("NormalizeName(%q) = %q, %v; want %q", in, got, err, want)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Errorf("NormalizeName(%q) not NFC", in)
		}
	}
	for _, in := range []string{"", "   ", "\t\n", "Nguyễn\x00Văn", "Lê\u200bVăn", "\xff\xfe", "A\x1bB"} {
		if _, err := domain.NormalizeName(in); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("NormalizeName(%q) err = %v, want EINVALID", in, err)
		}
	}
}

func TestParseDocNumber(t *testing.T) {
	type want struct {
		number string
		year   int
		kind   string
		issuer string
	}
	ok := map[string]want{
		"123/QĐ-VKSTC":     {"123", 0, "QĐ", "VKSTC"},
		"09/HD-VKSTC":      {"09", 0, "HD", "VKSTC"},
		"317/VKS-VP":       {"317", 0, "", "VKS-VP"},
		"02/CT-VKSTC":      {"02", 0, "CT", "VKSTC"},
		"16/KH-VKS":        {"16", 0, "KH", "VKS"},
		"750/VP":           {"750", 0, "", "VP"},
		"224/V16":          {"224", 0, "", "V16"},
		"152/QĐ-VKSTC":     {"152", 0, "QĐ", "VKSTC"},
		"84/2025/UBTVQH15": {"84", 2025, "", "UBTVQH15"},
		"02/2024/TT-VKSTC": {"02", 2024, "TT", "VKSTC"},
		"98/2023/NĐ-CP":    {"98", 2023, "NĐ", "CP"},
		"500/QĐ-TTg":       {"500", 0, "QĐ", "TTg"},
		"109-NQ/BCSĐ":      {"109", 0, "NQ", "BCSĐ"},
		"5007/BNV-TĐKT":    {"5007", 0, "", "BNV-TĐKT"},
		" 123/QĐ-VKSTC ":   {"123", 0, "QĐ", "VKSTC"},
	}
	for in, w := range ok {
		d, err := domain.ParseDocNumber(in)
		if err != nil {
			t.Errorf("ParseDocNumber(%q): %v", in, err)
			continue
		}
		got := want{d.Number(), d.Year(), d.Kind(), d.Issuer()}
		if got != w {
			t.Errorf("ParseDocNumber(%q) = %+v, want %+v", in, got, w)
		}
		if d.String() != norm.NFC.String(in[trimStart(in):len(in)-trimEnd(in)]) {
			t.Errorf("ParseDocNumber(%q).String() = %q", in, d.String())
		}
	}
	t.Run("NFC", func(t *testing.T) {
		d, err := domain.ParseDocNumber(norm.NFD.String("123/QĐ-VKSTC"))
		if err != nil || d.String() != "123/QĐ-VKSTC" {
			t.Fatalf("%q, %v", d.String(), err)
		}
	})
	for _, in := range []string{"", "   ", "QĐ-VKSTC", "123", "123/", "/QĐ", "abc/QĐ-VKSTC", "123/QĐ VKSTC", "123//QĐ", "123/QĐ-", "123/-VKS", "12/20245/TT-VKSTC", "1/2/3/4", "1234567/QĐ", "123/2024", "số 123/QĐ-VKSTC", "123/QĐ-VKSTC;", "123/QĐ-VKSTC.", "\xff/QĐ"} {
		if d, err := domain.ParseDocNumber(in); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("ParseDocNumber(%q) = %q, %v; want EINVALID", in, d, err)
		}
	}
}

func trimStart(s string) int {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

func trimEnd(s string) int {
	i := 0
	for i < len(s) && s[len(s)-1-i] == ' ' {
		i++
	}
	return i
}

func TestCompareNames(t *testing.T) {
	names := []string{"Đặng Văn E", "Bùi Thị B", "Âu Văn C", "An Văn A", "Ăn Văn D", "Dương Thị F", "Hòa", "Hoa", "Hóa"}
	slices.SortFunc(names, domain.CompareNames)
	want := []string{"An Văn A", "Ăn Văn D", "Âu Văn C", "Bùi Thị B", "Dương Thị F", "Đặng Văn E", "Hoa", "Hòa", "Hóa"}
	if !slices.Equal(names, want) {
		t.Errorf("sorted\n got %q\nwant %q", names, want)
	}
	if c := domain.CompareNames("Ho\u0300a", "H\u00f2a"); c != 0 {
		t.Errorf("decomposed vs precomposed = %d, want 0", c)
	}
}

func TestNameAndTextLimits(t *testing.T) {
	long := strings.Repeat("Việt ", domain.MaxNameRunes/5+1)
	if _, err := domain.NormalizeName(long); err == nil || domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("NormalizeName of %d characters: %v, want EINVALID", len([]rune(long)), err)
	}
	if _, err := domain.NormalizeName(strings.Repeat("ệ", domain.MaxNameRunes)); err != nil {
		t.Errorf("a name of exactly %d characters: %v", domain.MaxNameRunes, err)
	}
	if _, err := domain.NormalizeText(strings.Repeat("a", domain.MaxTextBytes+1)); err == nil {
		t.Error("NormalizeText accepted text over MaxTextBytes")
	}
}
