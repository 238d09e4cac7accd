# Benchmark, R side: spdep::moran.mc (999 permutations) on US counties 1980 (spData elect80, n = 3,107,
# queen contiguity e80_queen, 4 counties without neighbours -> zero.policy = TRUE), row-standardized.
# Also writes the inputs the TypeScript side reads (bench/data/elect80-queen.gal with FIPS ids,
# bench/data/elect80.csv). Run once from the repository root: Rscript bench/moran.R
suppressMessages({ library(spdep); library(spData); library(jsonlite) })
data(elect80, package = "spData")
nb <- e80_queen
fips <- as.character(elect80$FIPS)
nb_out <- nb; attr(nb_out, "region.id") <- fips
write.nb.gal(nb_out, "bench/data/elect80-queen.gal", oldstyle = FALSE, shpfile = "elect80", ind = "FIPS")
write.csv(data.frame(FIPS = fips, pc_turnout = elect80$pc_turnout, pc_income = elect80$pc_income),
          "bench/data/elect80.csv", row.names = FALSE, quote = TRUE)
x <- elect80$pc_turnout
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
set.seed(1)
# elapsed and CPU (user + system) seconds; the machine is shared, so CPU time is the fairer comparison
tm <- function(st) list(elapsed = st[["elapsed"]], cpu = st[["user.self"]] + st[["sys.self"]])
t_test <- tm(system.time(mt <- moran.test(x, lw, zero.policy = TRUE)))
t_mc <- tm(system.time(mc <- moran.mc(x, lw, nsim = 999, zero.policy = TRUE)))
t_local <- tm(system.time(lm <- localmoran(x, lw, zero.policy = TRUE)))
t_lperm <- tm(system.time(lp <- localmoran_perm(x, lw, nsim = 999, zero.policy = TRUE, iseed = 1)))
out <- list(
  generated_by = "bench/moran.R", date = format(Sys.time(), tz = "UTC", usetz = TRUE),
  R = R.version.string, spdep = as.character(packageVersion("spdep")), spData = as.character(packageVersion("spData")),
  n = length(nb), links = sum(card(nb)), islands = sum(card(nb) == 0L),
  I = unname(mt$estimate[1]), zRandom = unname(mt$statistic), pSim = mc$p.value,
  seconds = list(moran_test = t_test, moran_mc_999 = t_mc, localmoran = t_local, localmoran_perm_999 = t_lperm)
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "bench/data/moran-r.json")
print(out$seconds)
