package x3sim

import "net/http"

// classHandlers serve one api1 class; each takes the representation the
// request named, which decides what a record shows and accepts.
type classHandlers struct {
	query   func(s *Server, w http.ResponseWriter, r *http.Request, rt route, rep *representation)
	details func(s *Server, w http.ResponseWriter, rt route, rep *representation)
	edit    func(s *Server, w http.ResponseWriter, r *http.Request, rt route, rep *representation, user string)
	create  func(s *Server, w http.ResponseWriter, r *http.Request, rt route, rep *representation, user string)
}

func (s *Server) classHandlers(class string) (classHandlers, bool) {
	switch class {
	case "PORDER":
		return classHandlers{query: (*Server).queryPurchaseOrders, details: (*Server).detailsPurchaseOrder,
			edit: (*Server).editPurchaseOrder}, true
	case "PINVOICE":
		return classHandlers{query: (*Server).queryInvoices, details: (*Server).detailsInvoice}, true
	case "BPSUPPLIER":
		return classHandlers{query: (*Server).querySuppliers, details: (*Server).detailsSupplier}, true
	case s.names.ShipmentClass:
		return classHandlers{query: (*Server).queryShipments, details: (*Server).detailsShipment,
			create: (*Server).createShipment}, true
	}
	return classHandlers{}, false
}

// dispatch checks class, representation, facet and method, in that order,
// then hands the request to the class's handler.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, rt route, user string) {
	h, ok := s.classHandlers(rt.class)
	if !ok {
		writeError(w, badRequest(codeUnknownClass, "Class '"+rt.class+"' does not exist"))
		return
	}
	rep := (*s.reps.Load())[rt.class+"/"+rt.representation]
	switch {
	case rep == nil:
		writeError(w, &apiError{status: http.StatusNotFound, code: codeUnknownRepresentation,
			message: "Representation '" + rt.representation + "' of class '" + rt.class + "' does not exist"})
	case rt.prototype:
		s.servePrototype(w, r, rt, rep)
	case rt.keyed:
		s.dispatchRecord(w, r, rt, rep, h, user)
	default:
		s.dispatchCollection(w, r, rt, rep, h, user)
	}
}

// servePrototype answers $prototypes('{REP}.{facet}') for a facet the
// representation has.
func (s *Server) servePrototype(w http.ResponseWriter, r *http.Request, rt route, rep *representation) {
	if r.Method != http.MethodGet {
		writeMethodNotAllowed(w, http.MethodGet)
		return
	}
	if !rep.has(rt.facet) {
		writeError(w, &apiError{status: http.StatusNotFound, code: codeUnknownRepresentation,
			message: "Representation '" + rep.name + "' has no " + rt.facet + " facet"})
		return
	}
	writeJSON(w, http.StatusOK, rep.prototypeJSON(rt.facet))
}

func (s *Server) dispatchCollection(w http.ResponseWriter, r *http.Request, rt route, rep *representation, h classHandlers, user string) {
	switch {
	case r.Method == http.MethodGet && rt.facet == "$query" && rep.has("$query"):
		h.query(s, w, r, rt, rep)
	case r.Method == http.MethodPost && rt.facet == "$create" && rep.has("$create") && h.create != nil:
		h.create(s, w, r, rt, rep, user)
	case r.Method != http.MethodGet && (r.Method != http.MethodPost || h.create == nil):
		writeMethodNotAllowed(w, allowed(http.MethodPost, h.create != nil))
	default:
		writeError(w, noFacet(rep, rt.facet))
	}
}

func (s *Server) dispatchRecord(w http.ResponseWriter, r *http.Request, rt route, rep *representation, h classHandlers, user string) {
	switch {
	case r.Method == http.MethodGet && (rt.facet == "$details" || rt.facet == "$edit") && rep.has(rt.facet):
		// Reading the $edit facet first is the documented way to prepare an update.
		h.details(s, w, rt, rep)
	case r.Method == http.MethodPut && rt.facet == "$edit" && rep.has("$edit") && h.edit != nil:
		h.edit(s, w, r, rt, rep, user)
	case r.Method != http.MethodGet && (r.Method != http.MethodPut || h.edit == nil):
		writeMethodNotAllowed(w, allowed(http.MethodPut, h.edit != nil))
	default:
		writeError(w, noFacet(rep, rt.facet))
	}
}

func noFacet(rep *representation, facet string) *apiError {
	return badRequest(codeBadParameter, "Facet '"+facet+"' is not available on representation '"+rep.name+"'")
}

// allowed is the Allow header: GET, and method when the class takes it.
func allowed(method string, takes bool) string {
	if takes {
		return http.MethodGet + ", " + method
	}
	return http.MethodGet
}
