package tpsession

// MinJuryMembers is the fewest habilitated jury members that may evaluate a
// candidate, in a session titre, CCP or CCS (arrêté du 22 décembre 2015,
// art. 6). A référentiel may require more. The jury, checklist, planning and
// pli packages all reckon with it.
const MinJuryMembers = 2
