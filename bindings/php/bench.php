<?php
// The client's time per call: `Ocop::score` of the README's sample, one
// command run per call, as a portal pays it.
//
//   php bindings/php/bench.php OCOP_BINARY [BASELINE_BINARY ...]
//
// Takes the binaries in turn, 40 calls each, so that a busy machine weighs
// on each alike, and prints each one's median in ms.

declare(strict_types=1);

require __DIR__ . '/Ocop.php';

$bins = array_slice($argv, 1);
if ($bins === []) {
    fwrite(STDERR, "usage: php bench.php OCOP_BINARY [BASELINE_BINARY ...]\n");
    exit(2);
}
$sample = file_get_contents(__DIR__ . '/../../examples/data/sample-2026.json');
$clients = array_map(fn (string $b) => new Ocop\Ocop($b), $bins);
$times = array_fill(0, count($bins), []);
for ($i = 0; $i < 40; $i++) {
    foreach ($clients as $k => $c) {
        $t = hrtime(true);
        $card = $c->score($sample);
        $times[$k][] = (hrtime(true) - $t) / 1e6;
        if ($card['rating']['stars'] !== 3) {
            exit(1);
        }
    }
}
foreach ($bins as $k => $b) {
    sort($times[$k]);
    $n = count($times[$k]);
    $median = ($times[$k][intdiv($n - 1, 2)] + $times[$k][intdiv($n, 2)]) / 2;
    printf("%-40s median %.2f ms a call (%d calls)\n", $b, $median, $n);
}
