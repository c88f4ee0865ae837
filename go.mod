module octavo

go 1.26.8

require (
	github.com/go-shiori/go-epub v1.2.1
	github.com/jung-kurt/gofpdf v1.16.2
	github.com/speedata/hyphenation v1.0.2
	github.com/yuin/goldmark v1.8.7
	golang.org/x/image v0.48.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/gabriel-vasile/mimetype v1.4.3 // indirect
	github.com/gofrs/uuid/v5 v5.0.0 // indirect
	github.com/vincent-petithory/dataurl v1.0.0 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
