package plan

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// UnitLabel names a unit of the plan ("salle_qp#3", as Item.Units and
// Entry.Units give it) for the people who read the plan: its type's label
// (Input.Resources), or else a readable form of the type's ID — its
// underscores made spaces, its first letter a capital and its words
// without a vowel in capitals, "salle_qp" giving "Salle QP" — followed by
// the unit's number when the type has more than one unit: "Salle QP n° 3".
// A unit the input does not know keeps its ID.
func (in Input) UnitLabel(unit string) string {
	typ, n, ok := strings.Cut(unit, "#")
	k, err := strconv.Atoi(n)
	capacity, known := in.Capacities[typ]
	if !ok || err != nil || !known {
		return unit
	}
	label := strings.TrimSpace(in.Resources[typ].Label)
	if label == "" {
		label = readable(typ)
	}
	if capacity > 1 {
		label = fmt.Sprintf("%s n° %d", label, k)
	}
	return label
}

// UnitLabels names each unit of units, in order, as UnitLabel does.
func (in Input) UnitLabels(units []string) []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = in.UnitLabel(u)
	}
	return out
}

// readable writes a resource type's ID as words: "salle_entretien" is
// "Salle entretien", "poste_cnc" "Poste CNC".
func readable(id string) string {
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '_' || r == '-' || unicode.IsSpace(r) })
	for i, w := range words {
		switch {
		case !strings.ContainsFunc(strings.ToLower(w), isVowel):
			words[i] = strings.ToUpper(w)
		case i == 0:
			r, size := utf8.DecodeRuneInString(w)
			words[i] = string(unicode.ToUpper(r)) + w[size:]
		}
	}
	if len(words) == 0 {
		return id
	}
	return strings.Join(words, " ")
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiouyàâäéèêëîïôöùûüÿœæ", r) }
