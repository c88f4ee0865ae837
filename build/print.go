package build

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // cover images
	_ "image/png"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Trim presets, width × height in points.
var trims = []struct {
	name string
	w, h float64
}{
	{"trade", 6 * 72, 9 * 72},
	{"digest", 5.5 * 72, 8.5 * 72},
	{"royal", 6.14 * 72, 9.21 * 72},
	{"a5", 148 * mm, 210 * mm},
	{"a4", 210 * mm, 297 * mm},
	{"letter", 8.5 * 72, 11 * 72},
}

const mm = 72 / 25.4

func trimNames() []string {
	var n []string
	for _, t := range trims {
		n = append(n, t.name)
	}
	return n
}

func defaultPrint() Print {
	return Print{TrimName: "trade", Width: 6 * 72, Height: 9 * 72, FontSize: 10.5}
}

var lengthRE = regexp.MustCompile(`^\s*([0-9]+(?:\.[0-9]+)?)\s*(in|mm|cm|pt)\s*$`)

// ParseLength reads a length with a unit (in, mm, cm, pt) and returns points.
func ParseLength(s string) (float64, error) {
	m := lengthRE.FindStringSubmatch(s)
	if m == nil {
		return 0, errors.New("write a number with a unit: in, mm, cm or pt (e.g. 0.125in, 3mm)")
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, err
	}
	return v * map[string]float64{"in": 72, "mm": mm, "cm": 10 * mm, "pt": 1}[m[2]], nil
}

// ParseTrim reads a trim size: a preset name or "W x H" with units.
func ParseTrim(s string) (w, h float64, err error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for _, t := range trims {
		if t.name == name {
			return t.w, t.h, nil
		}
	}
	parts := strings.Split(name, "x")
	if len(parts) != 2 {
		msg := "use a preset (" + strings.Join(trimNames(), ", ") + ") or width x height with units, e.g. 6in x 9in"
		if g := closest(name, trimNames()); g != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", g)
		}
		return 0, 0, errors.New(msg)
	}
	if w, err = ParseLength(parts[0]); err == nil {
		h, err = ParseLength(parts[1])
	}
	if err != nil {
		return 0, 0, err
	}
	if w < 2*72 || h < 3*72 || w > 17*72 || h > 24*72 {
		return 0, 0, fmt.Errorf("%.0f x %.0f pt is not a book size (between 2 x 3 in and 17 x 24 in)", w, h)
	}
	return w, h, nil
}

func (d *decoder) print(n *yaml.Node, p *Print) {
	d.mapping(n, "print", []field{
		{"trim", func(_, v *yaml.Node) {
			if s, ok := d.str(v, "print.trim"); ok {
				w, h, err := ParseTrim(s)
				if err != nil {
					d.errs.add(d.pos(v), "print.trim %q: %v", s, err)
					return
				}
				p.TrimName, p.Width, p.Height = s, w, h
			}
		}},
		{"bleed", func(_, v *yaml.Node) {
			if s, ok := d.str(v, "print.bleed"); ok {
				l, err := ParseLength(s)
				switch {
				case err != nil:
					d.errs.add(d.pos(v), "print.bleed %q: %v", s, err)
				case l > 0.5*72:
					d.errs.add(d.pos(v), "print.bleed %q is more than 0.5in; printers ask for about 0.125in (3mm)", s)
				default:
					p.Bleed = l
				}
			}
		}},
		{"crop_marks", func(_, v *yaml.Node) { p.CropMarks, _ = d.boolean(v, "print.crop_marks") }},
		{"font_size", func(_, v *yaml.Node) {
			if s, ok := d.str(v, "print.font_size"); ok {
				l, err := ParseLength(s)
				switch {
				case err != nil:
					d.errs.add(d.pos(v), "print.font_size %q: %v", s, err)
				case l < 6 || l > 24:
					d.errs.add(d.pos(v), "print.font_size %q must be between 6pt and 24pt", s)
				default:
					p.FontSize = l
				}
			}
		}},
	})
}

// readFile reads a file named in the manifest, relative to the manifest's
// folder and never outside it.
func (d *decoder) readFile(v *yaml.Node, what string, limit int64) (string, []byte, bool) {
	name, ok := d.str(v, what)
	if !ok {
		return "", nil, false
	}
	pos := d.pos(v)
	if filepath.IsAbs(name) || strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`) || filepath.VolumeName(name) != "" {
		d.errs.add(pos, "%s %q: use a path relative to the manifest's folder, not an absolute path", what, name)
		return "", nil, false
	}
	clean := path.Clean(filepath.ToSlash(name))
	if clean == ".." || strings.HasPrefix(clean, "../") || !fs.ValidPath(clean) {
		d.errs.add(pos, "%s %q: the file must be inside the manifest's folder", what, name)
		return "", nil, false
	}
	if d.fsys == nil {
		d.errs.add(pos, "%s %q: no folder to read files from", what, name)
		return "", nil, false
	}
	f, err := d.fsys.Open(clean)
	if err != nil {
		msg := describeOpenError(err)
		if strings.Contains(err.Error(), "escapes from parent") || strings.Contains(err.Error(), "path escapes") {
			msg = "the file must be inside the manifest's folder (a link leads out of it)"
		}
		d.errs.add(pos, "%s %q: %s", what, name, msg)
		return "", nil, false
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		d.errs.add(pos, "%s %q is a folder, not a file", what, name)
		return "", nil, false
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		d.errs.add(pos, "%s %q: cannot read: %s", what, name, errText(err))
		return "", nil, false
	}
	if int64(len(data)) > limit {
		d.errs.add(pos, "%s %q is larger than %d MiB", what, name, limit>>20)
		return "", nil, false
	}
	return clean, data, true
}

func (d *decoder) markdownFile(v *yaml.Node, label string) []Block {
	name, data, ok := d.readFile(v, label+" file", MaxFileSize)
	if !ok {
		return nil
	}
	if !d.spend(len(data), v) {
		return nil
	}
	file := filepath.Join(filepath.Dir(d.file), filepath.FromSlash(name))
	data, ok = checkText(data, file, &d.errs)
	if !ok {
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		d.errs.add(d.pos(v), "%s: file %q is empty", label, name)
		return nil
	}
	return d.parseMarkdown(string(data), Pos{File: file, Line: 1, Col: 1}, false, label)
}

func (d *decoder) cover(v *yaml.Node) *Image {
	name, data, ok := d.readFile(v, "cover", MaxCoverSize)
	if !ok {
		return nil
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "jpeg" && format != "png") {
		d.errs.add(d.pos(v), "cover %q is not a JPEG or PNG image", name)
		return nil
	}
	if cfg.Width < 500 || cfg.Height < 700 || cfg.Width > 10000 || cfg.Height > 10000 {
		d.errs.add(d.pos(v), "cover %q is %d x %d pixels; use at least 500 x 700 and at most 10000 on a side (stores ask for about 1600 x 2560)", name, cfg.Width, cfg.Height)
		return nil
	}
	ext := map[string]string{"jpeg": ".jpg", "png": ".png"}[format]
	return &Image{Name: "cover" + ext, MediaType: "image/" + format, Data: data, Width: cfg.Width, Height: cfg.Height}
}
