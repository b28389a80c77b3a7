<?php
// Tests of the PHP client against the `ocop` command it runs.
//   php bindings/php/test.php [path/to/ocop]
// Without a path, builds the command with cargo (as `cargo test` would).

declare(strict_types=1);

require __DIR__ . '/Ocop.php';

use Ocop\CommandError;
use Ocop\Ocop;
use Ocop\OcopError;

$root = dirname(__DIR__, 2);
$bin = $argv[1] ?? getenv('OCOP_CLI') ?: null;
if ($bin === null) {
    passthru('cd ' . escapeshellarg($root) . ' && cargo build -q --features cli --bin ocop', $rc);
    if ($rc !== 0) {
        exit(2);
    }
    $meta = json_decode(shell_exec('cd ' . escapeshellarg($root) . ' && cargo metadata --no-deps --format-version 1'), true);
    $bin = $meta['target_directory'] . '/debug/ocop';
}

$failed = 0;
$passed = 0;
function check_that(bool $ok, string $what): void
{
    global $failed, $passed;
    if ($ok) {
        $passed++;
    } else {
        $failed++;
        fwrite(STDERR, "FAILED: $what\n");
    }
}
function throws(callable $f, string $class, ?string $kind = null): ?\Throwable
{
    try {
        $f();
    } catch (\Throwable $e) {
        $ok = $e instanceof $class && ($kind === null || $e->kind === $kind);
        check_that($ok, "expected $class" . ($kind ? " ($kind)" : '') . ', got ' . get_class($e) . ': ' . $e->getMessage());
        return $e;
    }
    check_that(false, "expected $class, nothing thrown");
    return null;
}

$ocop = new Ocop($bin);
$sampleText = file_get_contents("$root/examples/data/sample-2026.json");
$sample = json_decode($sampleText, true);

// One evaluation, as text or as an array: the README's sample, 3★ at 74.33.
$card = $ocop->score($sampleText);
check_that($card['rating']['stars'] === 3, 'sample scores 3 stars');
check_that(number_format($card['mean']['total'], 2, '.', '') === '74.33', 'sample mean 74.33');
check_that($ocop->score($sample) == $card, 'an array scores as its text');
check_that($ocop->score(json_encode($sample, JSON_PRETTY_PRINT)) == $card, 'pretty-printed text scores as one line');

// The same scorecard the command writes for the file, field for field.
[$code, $out] = $ocop->run('score', ["$root/examples/data/sample-2026.json"]);
check_that($code === 0 && json_decode($out, true) == $card, 'score() is the command\'s line');

// A rejected evaluation throws its record.
$missing = $sample;
unset($missing['members'][1]['answers']['6.3']);
$e = throws(fn () => $ocop->score($missing), OcopError::class, 'missing_answer');
check_that($e !== null && $e->record['id'] === 'SAMPLE-2026-01' && $e->record['error']['criterion'] === '6.3', 'the record names product and criterion');
// The message is the library's sentence, not the bare kind.
check_that($e !== null && str_contains($e->getMessage(), '6.3') && $e->getMessage() !== 'missing_answer', 'the message is the sentence: ' . ($e ? $e->getMessage() : ''));
throws(fn () => $ocop->score('{"set": '), OcopError::class, 'json');

// check lists every problem at once; [] for a clean form.
check_that($ocop->check($sample) === [], 'a clean form has no problems');
$two = $missing;
$two['members'][0]['answers']['1.1'] = 9;
$kinds = array_map(fn ($p) => $p['error']['kind'], $ocop->check($two));
check_that($kinds === ['option_out_of_range', 'missing_answer'], 'check finds both problems: ' . implode(',', $kinds));

// plan, with a target and with costs; explain.
$plan = $ocop->plan($sample, 4);
check_that($plan['target'] === 4 && $plan['reachable'] === true && count($plan['steps']) === $plan['changes'], 'a plan to 4 stars');
$priced = $ocop->plan($sample, 4, ['default' => 1, 'criteria' => ['8' => 50]]);
check_that($priced['target'] === 4 && $priced['reachable'] === true, 'a plan with costs');
// Bad arguments are the library's refusals too, with its sentence.
$e = throws(fn () => $ocop->plan($sample, 4, ['criteria' => ['99.9' => 5]]), OcopError::class, 'invalid_costs');
check_that($e !== null && str_contains($e->getMessage(), '"99.9"') && !isset($e->record['message']), 'the costs error says which criterion');
$e = throws(fn () => $ocop->plan($sample, 9), OcopError::class, 'invalid_target');
check_that($e !== null && $e->getMessage() === 'target 9★ is not a star tier: give 1 to 5', 'the target error is the sentence: ' . ($e ? $e->getMessage() : ''));
$x = $ocop->explain($sample);
check_that($x['criteria'][0]['code'] === '1.1', 'explain starts at 1.1');

// Files: JSON Lines and the council workbook give the same records.
$jsonl = $ocop->scoreFile("$root/examples/data/tan-hong-2021.jsonl");
$xlsx = $ocop->scoreFile("$root/examples/data/tan-hong-2021.xlsx");
check_that(count($jsonl) === 12 && $jsonl == $xlsx, 'the workbook scores as its JSON Lines');
// Each line alone gives the line the file gave.
foreach (file("$root/examples/data/tan-hong-2021.jsonl", FILE_IGNORE_NEW_LINES) as $i => $line) {
    check_that($ocop->score($line) == $jsonl[$i], "line " . ($i + 1) . " alone");
}

// PHP's empty array is an object where the JSON needs one.
$blank = $sample;
$blank['members'][0]['answers'] = [];
$kinds = array_unique(array_map(fn ($p) => $p['error']['kind'], $ocop->check($blank)));
check_that($kinds === ['missing_answer'], 'empty answers are an object: ' . implode(',', $kinds));
check_that($ocop->plan($sample, 4, ['default' => 1, 'criteria' => []])['reachable'] === true, 'empty costs criteria are an object');
// A raw line break inside a string is still not JSON.
throws(fn () => $ocop->score(str_replace('"SAMPLE-2026-01"', "\"SAMPLE\n2026\"", $sampleText)), OcopError::class, 'json');
// A path that looks like a flag is a path; '-' is not a file.
$dash = sys_get_temp_dir() . '/-ocop-test.jsonl';
copy("$root/examples/data/tan-hong-2021.jsonl", $dash);
$cwd = getcwd();
chdir(sys_get_temp_dir());
check_that(count($ocop->scoreFile('-ocop-test.jsonl')) === 12, 'a file named with a leading dash');
chdir($cwd);
unlink($dash);
throws(fn () => $ocop->scoreFile('-'), \InvalidArgumentException::class);

// Options are the command's flags; unknown ones are errors, not defaults.
$inferred = new Ocop($bin, ['inferred' => true]);
check_that($inferred->score($sample)['rating']['stars'] === 3, 'inferred data scores too');
throws(fn () => (new Ocop($bin, ['edition' => 'qd9999']))->score($sample), OcopError::class, 'unknown_edition');
throws(fn () => new Ocop($bin, ['inferd' => true]), \InvalidArgumentException::class);
throws(fn () => (new Ocop('/nonexistent/ocop'))->score($sample), CommandError::class);

echo "php: $passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
