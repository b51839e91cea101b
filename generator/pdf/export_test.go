package pdf

import "guifan/generator/schema"

// Drawn is a run of text the writer drew: its page, the left end and
// baseline in millimetres, its width, and the page's size.
type Drawn struct {
	Page         int
	X, Y, W      float64
	Text         string
	PageW, PageH float64
}

// WriteProbed is Write, also returning every run of text drawn, in order,
// and how many character widths were looked up (the writer's work).
func WriteProbed(b Binder, opt Options) ([]byte, []Drawn, int, error) {
	p := &probe{}
	opt.probe = p
	data, _, err := Write(b, opt)
	return data, p.export(), p.widthCalls, err
}

// WriteFormProbed is WriteForm, also returning every run of text drawn.
func WriteFormProbed(form *schema.Form, opt Options, lang string) ([]byte, []Drawn, error) {
	p := &probe{}
	opt.probe = p
	data, err := WriteForm(form, opt, lang)
	return data, p.export(), err
}

func (p *probe) export() []Drawn {
	out := make([]Drawn, len(p.drawn))
	for i, d := range p.drawn {
		pw, ph := pageW, pageH
		if d.orientation == "L" {
			pw, ph = pageH, pageW
		}
		out[i] = Drawn{d.page, d.x, d.y, d.w, d.text, pw, ph}
	}
	return out
}
