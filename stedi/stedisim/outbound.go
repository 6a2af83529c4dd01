package stedisim

import "strconv"

// afterAccept is what follows an accepted generate-edi request: the
// transactions appear in GET /transactions, as Stedi lists outbound ones
// too, and the partners note the answers they owe.
func (s *Server) afterAccept(as []Accepted) {
	if len(as) == 0 {
		return
	}
	s.desk.receive(as)
	ts := s.outboundTransactions(as)
	s.txs.add(ts...)
	if s.hooks.wantsOutbound() {
		evs := make([]*event, len(ts))
		for i, t := range ts {
			evs[i] = s.transactionEvent(t)
		}
		s.hooks.enqueue(evs...)
	}
}

// outboundTransactions describes accepted transactions: input the Guide
// JSON as received, output the X12 file they went out in.
func (s *Server) outboundTransactions(as []Accepted) []*storedTx {
	p, _ := s.partnership(as[0].PartnershipID) // one request, one partnership
	out := make([]*storedTx, len(as))
	for i, a := range as {
		rec := txRecord{
			TransactionID:   s.ids.uuid("transaction", a.FileExecutionID, strconv.Itoa(i)),
			FileExecutionID: a.FileExecutionID,
			Status:          statusOK,
			Direction:       dirOutbound,
			Mode:            modeOf(string(usageOf(a.EDI))),
			Partnership:     partnershipRef(a.PartnershipID, p.Partnership, dirOutbound),
			X12: x12Info{
				Metadata:           x12Metadata{Transaction: transactionInfo{TransactionSetIdentifier: a.SetID}},
				TransactionSetting: &transactionSetting{TransactionSettingID: a.TransactionSettingID},
			},
			BusinessIdentifiers: businessIdentifiers(a.SetID, a.DocumentNumber),
		}
		out[i] = newStoredTx(rec, a.At, stored{string(a.Transaction), typeJSON}, stored{a.EDI, typeX12})
	}
	return out
}
