# Reference values for test/callawaySantAnna.test.ts, test/sunAbraham.test.ts and test/baconDecomposition.test.ts:
# the staggered-adoption DID estimators of R did 2.1.2, fixest 0.14.2 and bacondecomp 0.1.1 on SYNTHETIC panels
# generated here with set.seed (written to ../fixtures/staggered/synthetic-staggered-*.csv; see the README there).
# The data:
#  * cs: 500 units x 2003-2007, cohorts 2004, 2006, 2007 and never-treated units (first.treat = 0, did's coding); a
#    time-invariant covariate x that shifts both the adoption probabilities and the outcome's trend (so conditional
#    and unconditional parallel trends differ); effects heterogeneous by cohort and event time, with an anticipation
#    effect one period before adoption.
#  * sunab: 95 units x years 1-10, cohorts 2..10 (5 units each) and 50 never-treated units (year_treated = 10000,
#    fixest's coding), a time-varying control x1.
#  * bacon: 50 units x 2000-2010, cohorts 2005-2009 and 28 never-treated units (effyear empty).
#  * bacon-always: 51 units x 1964-1996, 8 units treated in every period (adoption = 1964, "always treated"), 10
#    cohorts 1969-1985 and 12 never-treated units (adoption empty).
# The estimators:
#  * did att_gt on the cs panel (y, first.treat, unit, year), unconditional parallel trends (xformla = ~1), est_method
#    "dr" (with ~1 it is the difference of mean changes), base_period "varying", bstrap = FALSE (analytic
#    influence-function SEs), never-treated and not-yet-treated controls; aggte simple / dynamic / group / calendar
#    with bstrap = FALSE, cband = FALSE.
#    The group aggregation's overall SE: did 2.1.2 calls wif(keepers = 1:length(glist), ..., group = group) with the
#    cell-level `group` vector, so the weight influence function of cohort k uses the cohort of cell k, not glist[k]
#    (the if1 term then has nonzero mean). `groupOverallCorrected` recomputes it with glist[k]; both are stored.
#  * With xformla = ~x: est_method "dr", "reg", "ipw" (DRDID's drdid_panel, reg_did_panel, std_ipw_did_panel).
#  * base_period = "universal"; anticipation = 1 (varying and universal base).
#  * The cs panel without its never-treated units, not-yet-treated controls.
#  * An unbalanced copy of the cs panel (rows dropped below): att_gt(panel = TRUE) balances it (drops those units).
#  * fixest sunab (Sun & Abraham 2021): feols(y ~ x1 + sunab(year_treated, year) | id + year), vcov "iid" and
#    clustered by id (fixest's default small-sample corrections); aggregated period coefficients, the ATT and the
#    cohort x period interaction coefficients; the last-treated cohort as control (year < 10, never-treated units
#    removed: cohort 10 is then never treated within the sample); and an unbalanced copy (every 7th row dropped),
#    clustered by id.
#  * bacondecomp bacon (Goodman-Bacon 2021): bacon(y ~ post) on the bacon panel and bacon(y ~ treated) on the
#    bacon-always panel (Later vs Always Treated comparisons), with the TWFE coefficient of lm.
# Run from test/reference: Rscript staggered-did.R  (writes staggered-did.json and ../fixtures/staggered/synthetic-*.csv)
suppressPackageStartupMessages({ library(did); library(fixest); library(bacondecomp); library(jsonlite) })
fx <- "../fixtures/staggered"
set.seed(20261203)

# cs panel: 500 units x 2003-2007
n <- 500; years <- 2003:2007
x <- round(rnorm(n), 6)
eta <- cbind(0, -1.6 + 0.5 * x, -1.2 - 0.3 * x, -0.7 + 0.4 * x)   # never, 2004, 2006, 2007 (multinomial logit)
pr <- exp(eta) / rowSums(exp(eta))
cohort <- c(0, 2004, 2006, 2007)[apply(pr, 1, function(p) sample(4, 1, prob = p))]
alpha <- 5 + 0.5 * x + rnorm(n)
lambda <- c(0, 0.05, 0.02, 0.08, 0.1)
pan <- expand.grid(year = years, i = seq_len(n))
xi <- x[pan$i]; gi <- cohort[pan$i]; e <- pan$year - gi
effect <- ifelse(gi > 0 & e >= 0, -0.04 - 0.02 * e + 0.01 * (gi - 2004), 0) + ifelse(gi > 0 & e == -1, -0.015, 0)
mp <- data.frame(unit = 1000 + pan$i, year = pan$year,
                 y = round(alpha[pan$i] + lambda[pan$year - 2002] + 0.03 * xi * (pan$year - 2003) + effect +
                           rnorm(nrow(pan), sd = 0.15), 8),
                 x = xi, first.treat = gi)
write.csv(mp, file.path(fx, "synthetic-staggered-cs.csv"), row.names = FALSE)

# sunab panel: 95 units x years 1-10
ns <- 95
yt <- c(rep(2:10, each = 5), rep(10000, 50))[sample(ns)]
pan <- expand.grid(year = 1:10, id = seq_len(ns))
gi <- yt[pan$id]; e <- pan$year - gi
x1 <- round(rnorm(nrow(pan)), 6)
base_s <- data.frame(id = pan$id, year = pan$year, year_treated = gi, x1 = x1,
                     y = round(rnorm(ns, sd = 2)[pan$id] + 0.3 * pan$year + 0.8 * x1 +
                               ifelse(gi < 10000 & e >= 0, -1 - 0.5 * e + 0.1 * (gi - 6), 0) + rnorm(nrow(pan)), 8))
write.csv(base_s, file.path(fx, "synthetic-staggered-sunab.csv"), row.names = FALSE)

# bacon panel: 50 units x 2000-2010
eff <- c(rep(2005, 2), rep(2006, 10), rep(2007, 5), rep(2008, 3), rep(2009, 2), rep(NA, 28))[sample(50)]
pan <- expand.grid(year = 2000:2010, s = 1:50)
gi <- eff[pan$s]; post <- as.integer(!is.na(gi) & pan$year >= gi); e <- pan$year - gi
bac <- data.frame(state = sprintf("S%02d", pan$s), year = pan$year,
                  y = round(rnorm(50, 2, 0.5)[pan$s] + 0.02 * (pan$year - 2000) +
                            ifelse(post == 1, 0.05 + 0.02 * e, 0) + rnorm(nrow(pan), sd = 0.1), 8),
                  post = post, effyear = gi)
write.csv(bac, file.path(fx, "synthetic-staggered-bacon.csv"), row.names = FALSE, na = "")

# bacon-always panel: 51 units x 1964-1996, 8 always treated
adopt <- c(rep(1964, 8), rep(1969, 2), rep(1970, 2), rep(1971, 5), rep(1973, 10), rep(1974, 3), rep(1976, 3),
           rep(1977, 3), 1980, 1984, 1985, rep(NA, 12))[sample(51)]
pan <- expand.grid(year = 1964:1996, s = 1:51)
gi <- adopt[pan$s]; tr <- as.integer(!is.na(gi) & pan$year >= gi); e <- pan$year - gi
alw <- data.frame(state = sprintf("A%02d", pan$s), year = pan$year,
                  y = round(rnorm(51, 50, 10)[pan$s] - 0.3 * (pan$year - 1964) +
                            ifelse(tr == 1, -2 - 0.2 * pmin(e, 15), 0) + rnorm(nrow(pan), sd = 3), 8),
                  treated = tr, adoption = gi)
write.csv(alw, file.path(fx, "synthetic-staggered-bacon-always.csv"), row.names = FALSE, na = "")

cs <- function(d, control, xformla = ~1, est_method = "dr", base_period = "varying", anticipation = 0) {
  a <- att_gt(yname = "y", tname = "year", idname = "unit", gname = "first.treat", xformla = xformla, data = d,
              control_group = control, bstrap = FALSE, cband = FALSE, base_period = base_period, est_method = est_method,
              anticipation = anticipation)
  agg <- function(type) {
    r <- aggte(a, type = type, bstrap = FALSE, cband = FALSE)
    list(overall = r$overall.att, overallSe = r$overall.se, egt = r$egt, att = r$att.egt, se = r$se.egt)
  }
  # group overall SE with the weight influence function of cohort glist[k] (see header)
  g <- aggte(a, type = "group", bstrap = FALSE, cband = FALSE)
  dta <- d[d$year == min(d$year), ]; glist <- sort(unique(a$group)); pgg <- sapply(glist, function(x) mean(dta$first.treat == x))
  G <- dta$first.treat
  if1 <- sapply(seq_along(glist), function(k) (1 * (G == glist[k]) - pgg[k]) / sum(pgg))
  if2 <- rowSums(sapply(seq_along(glist), function(k) 1 * (G == glist[k]) - pgg[k])) %*% t(pgg / sum(pgg)^2)
  infg <- g$inf.function$selective.inf.func.g %*% (pgg / sum(pgg)) + (if1 - if2) %*% g$att.egt
  list(group = a$group, t = a$t, att = a$att, se = a$se, n = a$n,
       simple = agg("simple"), dynamic = agg("dynamic"), groupAgg = agg("group"), calendar = agg("calendar"),
       groupOverallCorrected = sqrt(mean(infg^2) / length(infg)))
}
never <- cs(mp, "nevertreated")
notyet <- cs(mp, "notyettreated")
# conditional parallel trends given x: doubly robust (did's default), outcome
# regression, IPW; never-treated controls, and DR with not-yet-treated controls
cov <- list(dr = cs(mp, "nevertreated", ~x, "dr"), reg = cs(mp, "nevertreated", ~x, "reg"),
            ipw = cs(mp, "nevertreated", ~x, "ipw"), drNotyet = cs(mp, "notyettreated", ~x, "dr"))
# universal base period (never-treated controls) and one period of anticipation (not-yet-treated controls; varying
# and universal)
other <- list(universal = cs(mp, "nevertreated", base_period = "universal"),
              anticipation = cs(mp, "notyettreated", anticipation = 1),
              anticipationUniversal = cs(mp, "notyettreated", base_period = "universal", anticipation = 1))
# no never-treated units: did drops the periods from the last cohort's adoption (2007) on; that cohort is only a control
notyetOnly <- suppressWarnings(cs(mp[mp$first.treat != 0, ], "notyettreated"))
# unbalanced: drop 3 rows (the 1st unit in 2005, the 2nd in 2003, the 300th in 2007)
cty <- unique(mp$unit)[c(1, 2, 300)]; yrs <- c(2005, 2003, 2007)
drop <- (mp$unit == cty[1] & mp$year == yrs[1]) | (mp$unit == cty[2] & mp$year == yrs[2]) |
  (mp$unit == cty[3] & mp$year == yrs[3])
unb <- suppressWarnings(att_gt(yname = "y", tname = "year", idname = "unit", gname = "first.treat", xformla = ~1,
  data = mp[!drop, ], control_group = "nevertreated", bstrap = FALSE, cband = FALSE, panel = TRUE))
# multiplier bootstrap (did's own RNG: Rademacher weights via BMisc::multiplier_bootstrap), SEs and sup-t critical values
# of the uniform bands (cband = TRUE), for the Monte Carlo tolerance statement
set.seed(20261203)
boot <- att_gt(yname = "y", tname = "year", idname = "unit", gname = "first.treat", xformla = ~1, data = mp,
               control_group = "nevertreated", bstrap = TRUE, biters = 20000, cband = TRUE, clustervars = "unit")
set.seed(20261204)
boot_dyn <- aggte(boot, type = "dynamic", bstrap = TRUE, biters = 20000, cband = TRUE)

tab <- function(ct) list(terms = rownames(ct), estimate = unname(ct[, 1]), stdError = unname(ct[, 2]))
sa <- feols(y ~ x1 + sunab(year_treated, year) | id + year, base_s, vcov = "iid")
sa_cl <- summary(sa, cluster = ~id)
sab <- function(m) list(period = tab(coeftable(summary(m))), att = tab(coeftable(summary(m, agg = "ATT"))),
                        full = tab(coeftable(summary(m, agg = FALSE))), nobs = nobs(m))
# last-treated cohort (year 10) as the control: periods from year 10 on dropped, never-treated units removed
base_last <- base_s[base_s$year < 10 & base_s$year_treated != 10000, ]
sa_last <- feols(y ~ x1 + sunab(year_treated, year) | id + year, base_last, vcov = "iid")
# unbalanced: every 7th row of base_s dropped (rows 7, 14, ...), clustered by id
base_unb <- base_s[seq_len(nrow(base_s)) %% 7 != 0, ]
sa_unb <- summary(feols(y ~ x1 + sunab(year_treated, year) | id + year, base_unb), cluster = ~id)

bd <- bacon(y ~ post, data = bac, id_var = "state", time_var = "year", quietly = TRUE)
twfe <- coef(lm(y ~ post + factor(state) + factor(year), data = bac))["post"]
# with always-treated units (treated in every period of the panel)
bdv <- bacon(y ~ treated, data = alw, id_var = "state", time_var = "year", quietly = TRUE)
twfe_dv <- coef(lm(y ~ treated + factor(state) + factor(year), data = alw))["treated"]

out <- list(
  source = sprintf("R %s.%s; did %s; fixest %s; bacondecomp %s", R.version$major, R.version$minor,
                   packageVersion("did"), packageVersion("fixest"), packageVersion("bacondecomp")),
  seed = 20261203,
  data = list(cs = list(units = length(unique(mp$unit)), neverTreated = sum(cohort == 0),
                        cohorts = sort(unique(cohort[cohort > 0])))),
  cs = list(never = never, notyet = notyet, notyetOnly = notyetOnly, covariates = cov, other = other,
            unbalanced = list(dropped = list(unit = cty, year = yrs),
                              group = unb$group, t = unb$t, att = unb$att, se = unb$se, n = unb$n),
            bootstrap = list(biters = 20000, se = boot$se, criticalValue = boot$c,
                             dynamic = list(se = boot_dyn$se.egt, criticalValue = boot_dyn$crit.val.egt))),
  sunab = list(iid = sab(sa), cluster = sab(sa_cl), lastTreated = sab(sa_last), unbalanced = sab(sa_unb)),
  bacon = list(treated = bd$treated, untreated = bd$untreated, estimate = bd$estimate, weight = bd$weight, type = bd$type,
               twfe = unname(twfe)),
  baconAlways = list(treated = bdv$treated, untreated = bdv$untreated, estimate = bdv$estimate, weight = bdv$weight,
                      type = bdv$type, twfe = unname(twfe_dv))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, na = "null"), "staggered-did.json")
