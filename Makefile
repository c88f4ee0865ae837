# octavo — build the book, test, validate.
#
#   make            build octavo and the book: out/NAME.epub and out/NAME.pdf
#   make test       go test ./...
#   make lint       gofmt -l (must print nothing) and go vet
#   make check      build, then validate the built files (EPUBCheck, DAISY Ace,
#                   qpdf, pdffonts, pdfinfo, mutool, pdftotext); also the
#                   test book testdata/full/book.yaml when it exists
#   make check-selftest
#                   prove that the checks fail: spoil copies of the book in
#                   known ways and expect each to be refused
#   make tools      install the validators (Debian packages + npm packages)
#   make fuzz       run every Fuzz target for FUZZTIME each (FUZZTIME=10s)
#   make bench      go test -bench
#   make clean      remove what the build and the checks wrote

GO       ?= go
BOOK     ?= book.yaml
OUT      ?= out
FULL     ?= testdata/full/book.yaml
CHECKDIR ?= .check
FUZZTIME ?= 30s
BENCH    ?= .

.PHONY: all octavo book test lint check check-selftest tools fuzz bench clean

all: book

# go build is cached, so asking for it every time costs little and never
# leaves a stale binary.
octavo:
	$(GO) build -o octavo .

book: octavo
	./octavo build -o $(OUT) $(BOOK)

test:
	$(GO) test ./...

lint:
	@out=$$(gofmt -l $$($(GO) list -f '{{.Dir}}' ./...)); \
	if [ -n "$$out" ]; then echo "gofmt -l: not formatted:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Both books are checked even when the first fails; the status is the worst.
check: book
	@st=0; \
	scripts/check --manifest $(BOOK) --dir $(OUT) --reports $(CHECKDIR)/reports/book || st=1; \
	if [ -f $(FULL) ]; then \
		echo "== $(FULL)"; \
		rm -rf $(CHECKDIR)/full; \
		if ./octavo build -o $(CHECKDIR)/full $(FULL); then \
			scripts/check --manifest $(FULL) --dir $(CHECKDIR)/full --reports $(CHECKDIR)/reports/full || st=1; \
		else st=1; fi; \
	fi; \
	exit $$st

check-selftest: book
	@name=$$(node scripts/lib/manifest.js $(BOOK) | sed -n 's/^output //p'); \
	scripts/check-selftest $(OUT)/$$name.epub $(OUT)/$$name.pdf $(BOOK)

tools:
	scripts/tools

fuzz:
	scripts/fuzz $(FUZZTIME)

bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem ./...

clean:
	rm -rf $(OUT) octavo $(CHECKDIR)
