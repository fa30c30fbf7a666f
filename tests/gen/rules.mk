# tests/gen/rules.mk - the generator (gen/) and the sweep's report
TESTS += test-gen
HELP_test-gen := the generator: TOML errors with lines, rules against the compiler, files written once; the report

.PHONY: test-gen
# The rules' breakers compile generated units, which include Linux's
# lifted text for the host (bench/linux/rules.mk): run in the repository
# root, with the units' flags.
test-gen: $(LINUX_HOST_LIFTED)
	@mkdir -p $(BUILD)
	$(Q)SWEEP_UNIT_CFLAGS='$(SWEEP_UNIT_CFLAGS)' $(GEN_PYTHON) tests/gen/run.py \
		> $(BUILD)/test-gen.log 2>&1; status=$$?; \
		tail -n 20 $(BUILD)/test-gen.log; exit $$status
