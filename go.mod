module github.com/mlconnector/ml-connector

go 1.26.8

require github.com/mattn/go-sqlite3 v1.14.53

require github.com/BurntSushi/toml v1.6.0 // indirect
