<?php
// The PHP client's answer to each parity case: `[{kind, message}, …]` as
// JSON on stdout, in the order of cases.json.
//   php bindings/parity/php.php path/to/ocop
declare(strict_types=1);

require __DIR__ . '/../php/Ocop.php';

use Ocop\Ocop;
use Ocop\OcopError;

$bin = $argv[1];
$cases = json_decode(file_get_contents(__DIR__ . '/cases.json'), true, 512, JSON_THROW_ON_ERROR);
$out = [];
foreach ($cases as $case) {
    $o = $case['options'];
    $ocop = new Ocop($bin, isset($o['edition']) ? ['edition' => $o['edition']] : []);
    $ev = $case['evaluation'];
    try {
        match ($case['command']) {
            'score' => $ocop->score($ev),
            'explain' => $ocop->explain($ev),
            'plan' => $ocop->plan($ev, $o['target'] ?? null, $o['costs'] ?? null),
        };
        $out[] = ['kind' => null, 'message' => null];
    } catch (OcopError $e) {
        $out[] = ['kind' => $e->kind, 'message' => $e->getMessage()];
    } catch (\Throwable $e) {
        $out[] = ['kind' => get_class($e), 'message' => $e->getMessage()];
    }
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR), "\n";
