# tests/mutation: a mutation smoke, that the tests of pmm-inspect can fail.
# Each mutant is a copy of one source of tools/inspect with one word
# changed, a slip a hand could make; the test that guards that source is
# built against the copy and run as the same test built from the real
# source (the control) is, on the same quick cases:
#
#	mutant       source     one line changed                    run
#	svg-total    svg.c      "; total %s =" to "; Total %s ="     test_svg -n 0
#	account-sum  account.c  the overhead's total:               test_account,
#	                        "usemap_bytes +" to "usemap_bytes -" MUT_ACCOUNT_CASES
#
# A mutant passes (is killed) when the control passes and the mutant's
# test reports a failed case.  It fails when its sed changes no line or
# more than one (the smoke would test nothing), when it does not build,
# when its test passes (it survived) or dies without a summary line.
# Ends with "mutation: N passed, N failed, 0 skipped"; build/mutation/NAME/
# keeps each copy and log.  A few seconds once tests/inspect's objects are
# built.
#
#	make test-mutation 'MUT_SED_svg-total=s/x/y/'	try another slip

MUT_OUT := $(BUILD)/mutation
MUT_NAMES := svg-total account-sum

# every_map_every_preset builds every map for real (20 s): left out
MUT_ACCOUNT_CASES := params_match_instances hand_figures_firecracker blocks_at_two_gib \
		     scale_30_tib refusal_disagrees

MUT_SRC_svg-total   := tools/inspect/svg.c
MUT_SED_svg-total   := s/; total %s = /; Total %s = /
MUT_BIN_svg-total   := test_svg
MUT_RUN_svg-total   := -n 0

MUT_SRC_account-sum := tools/inspect/account.c
MUT_SED_account-sum := s/o->usemap_bytes +$$/o->usemap_bytes -/
MUT_BIN_account-sum := test_account
MUT_RUN_account-sum :=
MUT_ENV_account-sum := PMM_TEST_ONLY="$(MUT_ACCOUNT_CASES)"

TESTS += test-mutation
HELP_test-mutation      := mutation smoke: test_svg and test_account must fail on a one-word slip in svg.c and account.c
.PHONY: test-mutation

# The mutated copy, made anew every run (and rewritten only when its text
# changes), when the change applies to exactly one line; else the reason
# in $@.why and no copy.
.PHONY: mutation-force
$(MUT_OUT)/%/source.c: mutation-force
	@mkdir -p $(@D)
	$(Q)rm -f $@.why; \
	src=$(MUT_SRC_$*); \
	sed -e '$(MUT_SED_$*)' $$src > $@.tmp || exit 1; \
	n=$$(diff $$src $@.tmp | grep -c '^<'); \
	if [ "$$n" -ne 1 ]; then \
		echo "'$(MUT_SED_$*)' changed $$n lines of $$src, not one" > $@.why; \
		rm -f $@ $@.tmp; exit 1; \
	fi; \
	cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

# test_svg as tests/inspect builds it, svg.c replaced
$(MUT_OUT)/svg-total/test_svg: tests/inspect/test_svg.c $(MUT_OUT)/svg-total/source.c \
		tools/inspect/account.c tools/layout/layout.c $(INSPECT_HDRS) tests/lib/test.h
	@echo "  CC      $@"
	$(Q)$(CC) $(INSPECT_SAN_CFLAGS) -Itests/lib -o $@ $(filter %.c,$^) $(TEST_LDFLAGS) -lm

# test_account as tests/inspect links it, account.o replaced
MUT_ACCOUNT_OBJS := $(INSPECT_TEST_OUT)/test_account.o \
	$(filter-out %/main.o %/tools/inspect/account.o,$(call inspect_objs,$(INSPECT_TEST_OUT)))

$(MUT_OUT)/account-sum/account.o: $(MUT_OUT)/account-sum/source.c $(INSPECT_HDRS)
	@echo "  CC      $@"
	$(Q)$(CC) $(INSPECT_SAN_CFLAGS) -c -o $@ $<

$(MUT_OUT)/account-sum/test_account: $(MUT_ACCOUNT_OBJS) $(MUT_OUT)/account-sum/account.o
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^ $(TEST_LDFLAGS) $(LAYOUT_LIBS) -lm

# Every mutant even when one fails; the controls first, which must pass.
test-mutation: $(INSPECT_TEST_OUT)/test_svg $(INSPECT_TEST_OUT)/test_account
	$(Q)passed=0; failed=0; \
	$(foreach m,$(MUT_NAMES), \
	log=$(MUT_OUT)/$(m); mkdir -p $$log; \
	if ! $(MUT_ENV_$(m)) $(INSPECT_TEST_OUT)/$(MUT_BIN_$(m)) $(MUT_RUN_$(m)) \
			> $$log/control.log 2>&1; then \
		echo "FAIL mutation $(m): the control, $(MUT_BIN_$(m)) on $(MUT_SRC_$(m)) itself," \
		     "fails ($$log/control.log)"; \
		failed=$$((failed + 1)); \
	elif ! $(MAKE) -s --no-print-directory $(MUT_OUT)/$(m)/$(MUT_BIN_$(m)) \
			> $$log/build.log 2>&1; then \
		why=$$(cat $$log/source.c.why 2>/dev/null || echo "see $$log/build.log"); \
		echo "FAIL mutation $(m): not built: $$why"; \
		failed=$$((failed + 1)); \
	elif $(MUT_ENV_$(m)) $(MUT_OUT)/$(m)/$(MUT_BIN_$(m)) $(MUT_RUN_$(m)) \
			> $$log/test.log 2>&1; then \
		echo "FAIL mutation $(m): survived: $(MUT_BIN_$(m)) passes with" \
		     "'$(MUT_SED_$(m))' in $(MUT_SRC_$(m)) ($$log/test.log)"; \
		failed=$$((failed + 1)); \
	elif grep -Eq ': [0-9]+ passed, [1-9][0-9]* failed' $$log/test.log; then \
		echo "ok mutation $(m): killed: $$(grep -m1 '^FAIL' $$log/test.log | cut -c1-160)"; \
		passed=$$((passed + 1)); \
	else \
		echo "FAIL mutation $(m): $(MUT_BIN_$(m)) crashed rather than failed a case" \
		     "($$log/test.log)"; \
		failed=$$((failed + 1)); \
	fi;) \
	echo "mutation: $$passed passed, $$failed failed, 0 skipped"; \
	[ $$failed -eq 0 ]
