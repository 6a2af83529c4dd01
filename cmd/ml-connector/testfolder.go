package main

import (
	"fmt"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
)

// testFolder is where the inbox writes test documents (Stedi mode test):
// the same X3 server and credentials with folder inbound.test_folder, or
// nil when none is configured and test documents are held.
func testFolder(cfg config.Config) (*core.TestX3, error) {
	if cfg.Inbound.TestFolder == "" {
		return nil, nil
	}
	test := cfg
	test.X3.Folder = cfg.Inbound.TestFolder
	x3, err := newX3Client(test, httpClient(cfg.X3.Timeout.Duration), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("X3 test folder %s (inbound.test_folder): %w", cfg.Inbound.TestFolder, err)
	}
	t := &core.TestX3{ERP: x3, Writer: x3}
	if sw, ok := x3.(core.ShipmentWriter); ok {
		t.Shipments = sw // inbound.asn_target shipment or receipt, in the test folder
	}
	return t, nil
}
