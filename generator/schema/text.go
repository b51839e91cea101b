package schema

// Text is a phrase in several languages, keyed by language tag ("zh-CN",
// "en"). Schema files write it as an inline table:
//
//	label = { zh-CN = "规章制度", en = "Regulation" }
type Text map[string]string

// DefaultLang is the language used when a text lacks the one asked for.
const DefaultLang = "zh-CN"

// In returns the text in lang, falling back to zh-CN and then to any text.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	if s, ok := t[DefaultLang]; ok && s != "" {
		return s
	}
	for _, k := range sortedKeys(t) {
		if t[k] != "" {
			return t[k]
		}
	}
	return ""
}
