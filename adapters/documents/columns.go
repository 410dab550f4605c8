package documents

import (
	"strconv"
	"strings"
	"unicode"
)

// Column is a column of the candidates' spreadsheet, named by the field of
// the HTTP contract it carries. Some stand for a group of columns: one per
// address line, four per host company.
type Column string

// The columns CandidatesCSV writes and ParseCandidates reads.
const (
	ColumnLastName  Column = "last_name"
	ColumnFirstName Column = "first_name"
	ColumnBirthDate Column = "birth_date"
	ColumnEmail     Column = "email"
	ColumnPhone     Column = "phone"
	// ColumnAddress is one column per address line: "Adresse",
	// "Adresse 2"…
	ColumnAddress  Column = "address"
	ColumnPostcode Column = "postcode"
	ColumnCity     Column = "city"
	ColumnRoute    Column = "route"
	// ColumnVAERecevabilite is the day the VAE recevabilité decision was
	// notified.
	ColumnVAERecevabilite Column = "vae_recevabilite_on"
	ColumnTitlesHeld      Column = "titles_held"
	// ColumnHostCompanies is four columns per host company: SIRET, raison
	// sociale, start and end of the period.
	ColumnHostCompanies Column = "host_companies"
	// ColumnConvocation is three columns the import ignores: the date, the
	// time and the place of the convocation.
	ColumnConvocation Column = "convocation"
)

// ExportColumns returns the columns CandidatesCSV writes by default:
// identity first (nom, prénom, date de naissance), then contact details,
// postal address, route (parcours) and its VAE recevabilité, the titles
// held, the host companies, and the convocation. This is not known to be
// the order in which the Ministry's application asks for them: its screens
// are not public, so that order could not be checked. This one follows the
// candidate record of the HTTP contract; a centre whose screens ask in
// another order passes its own to CandidatesCSV.
func ExportColumns() []Column {
	return []Column{
		ColumnLastName, ColumnFirstName, ColumnBirthDate, ColumnEmail, ColumnPhone,
		ColumnAddress, ColumnPostcode, ColumnCity, ColumnRoute, ColumnVAERecevabilite,
		ColumnTitlesHeld, ColumnHostCompanies, ColumnConvocation,
	}
}

// field is what one column of a file holds, for the import.
type field int

const (
	fieldNone field = iota // a column the import does not read
	fieldLastName
	fieldFirstName
	fieldBirthDate
	fieldEmail
	fieldPhone
	fieldAddressLine // numbered
	fieldAddressExtra
	fieldPostcode
	fieldCity
	fieldRoute
	fieldVAE
	fieldTitles
	fieldHostSIRET // numbered, as the host fields below
	fieldHostName
	fieldHostFrom
	fieldHostUntil
	fieldHostPeriod
)

// numbered reports whether the field is repeated with a number:
// "Adresse 2", "SIRET 2".
func (f field) numbered() bool { return f == fieldAddressLine || f >= fieldHostSIRET }

// Headers as CandidatesCSV writes them; ParseCandidates reads them back.
const (
	headerLastName  = "Nom"
	headerFirstName = "Prénom"
	headerBirthDate = "Date de naissance"
	headerEmail     = "Courriel"
	headerPhone     = "Téléphone"
	headerAddress   = "Adresse"
	headerPostcode  = "Code postal"
	headerCity      = "Ville"
	headerRoute     = "Parcours"
	headerVAE       = "Date de recevabilité VAE"
	headerTitles    = "Titres détenus"
	headerHostSIRET = "SIRET entreprise d'accueil"
	headerHostName  = "Raison sociale entreprise d'accueil"
	headerHostFrom  = "Début de période"
	headerHostUntil = "Fin de période"
	headerConvDate  = "Date de convocation"
	headerConvTime  = "Heure de convocation"
	headerConvPlace = "Lieu de convocation"
)

// headerFields recognises a header by its key (see headerKey): the
// export's own headers, the usual French and English ones, and the JSON
// names of the HTTP contract.
var headerFields = map[string]field{
	"nom": fieldLastName, "nom de famille": fieldLastName, "nom de naissance": fieldLastName, "nom d usage": fieldLastName,
	"nom du candidat": fieldLastName, "last name": fieldLastName, "lastname": fieldLastName, "surname": fieldLastName, "family name": fieldLastName,

	"prenom": fieldFirstName, "prenoms": fieldFirstName, "prenom du candidat": fieldFirstName,
	"first name": fieldFirstName, "firstname": fieldFirstName, "given name": fieldFirstName,

	"date de naissance": fieldBirthDate, "date naissance": fieldBirthDate, "naissance": fieldBirthDate, "ne le": fieldBirthDate,
	"ne e le": fieldBirthDate, "nee le": fieldBirthDate, "birth date": fieldBirthDate, "birthdate": fieldBirthDate, "date of birth": fieldBirthDate,

	"courriel": fieldEmail, "email": fieldEmail, "e mail": fieldEmail, "mail": fieldEmail, "adresse email": fieldEmail,
	"adresse e mail": fieldEmail, "adresse mail": fieldEmail, "adresse electronique": fieldEmail,

	"telephone": fieldPhone, "tel": fieldPhone, "portable": fieldPhone, "mobile": fieldPhone, "telephone portable": fieldPhone, "phone": fieldPhone,

	"adresse": fieldAddressLine, "adresse postale": fieldAddressLine, "ligne adresse": fieldAddressLine, "address": fieldAddressLine,
	"address line": fieldAddressLine, "postal address lines": fieldAddressLine,
	"complement d adresse": fieldAddressExtra, "complement adresse": fieldAddressExtra,

	"code postal": fieldPostcode, "cp": fieldPostcode, "postcode": fieldPostcode, "postal code": fieldPostcode, "zip": fieldPostcode, "zip code": fieldPostcode,
	"ville": fieldCity, "commune": fieldCity, "localite": fieldCity, "city": fieldCity, "town": fieldCity,

	"parcours": fieldRoute, "voie d acces": fieldRoute, "voie d acces a la certification": fieldRoute, "route": fieldRoute,

	"date de recevabilite vae": fieldVAE, "date de recevabilite": fieldVAE, "recevabilite vae": fieldVAE, "recevabilite": fieldVAE,
	"vae recevabilite on": fieldVAE, "vae recevabilite": fieldVAE,

	"titres detenus": fieldTitles, "titres": fieldTitles, "titles held": fieldTitles, "titles": fieldTitles,

	"siret entreprise d accueil": fieldHostSIRET, "siret de l entreprise d accueil": fieldHostSIRET, "siret entreprise": fieldHostSIRET,
	"siret": fieldHostSIRET, "host siret": fieldHostSIRET,
	"raison sociale entreprise d accueil": fieldHostName, "raison sociale de l entreprise d accueil": fieldHostName, "raison sociale": fieldHostName,
	"entreprise d accueil": fieldHostName, "entreprise": fieldHostName, "host company": fieldHostName, "company": fieldHostName,
	"debut de periode": fieldHostFrom, "debut periode": fieldHostFrom, "date de debut": fieldHostFrom, "debut": fieldHostFrom, "from": fieldHostFrom,
	"fin de periode": fieldHostUntil, "fin periode": fieldHostUntil, "date de fin": fieldHostUntil, "fin": fieldHostUntil, "until": fieldHostUntil,
	"periode": fieldHostPeriod, "periode en entreprise": fieldHostPeriod, "periode d accueil": fieldHostPeriod, "period": fieldHostPeriod,
}

// headerKey reduces a header to the key headerFields knows, and the number
// it ends with (1 when none): "Adresse 2" is ("adresse", 2), "Prénom" is
// ("prenom", 1), "e-mail" is ("e mail", 1).
func headerKey(h string) (string, int) {
	var words []string
	for w := range strings.FieldsFuncSeq(foldKey(h), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		words = append(words, w)
	}
	n := 1
	if k := len(words); k > 1 {
		if v, err := strconv.Atoi(words[k-1]); err == nil && v >= 1 && v <= 99 {
			n, words = v, words[:k-1]
		}
	}
	return strings.Join(words, " "), n
}
