<?php
// The `ocop` scorer for PHP portals: a thin client over the `ocop`
// command, so that a portal gets the reference scorecard instead of a
// scorer of its own. Each call runs the command once; nothing is scored
// here. See README.md beside this file.

declare(strict_types=1);

namespace Ocop;

/**
 * What the library refused: an evaluation the command rejected, or an
 * argument (an unknown edition, a target of 9, costs naming no criterion).
 * `kind` is the record's `error.kind`, and the message is the library's
 * sentence, the one the command and the WebAssembly package give.
 */
final class OcopError extends \RuntimeException
{
    /** The error's kind, as `ocop` names it (`missing_answer`, `json`, …). */
    public string $kind;
    /**
     * The error record as `ocop` writes it: `['line' => …, 'id' => …,
     * 'error' => [...]]` for an evaluation, `['error' => [...]]` for an
     * argument. The sentence is the exception's message, not a field.
     */
    public array $record;

    /** @param array $record a record as `ocop --json-errors` writes it */
    public function __construct(array $record)
    {
        $message = $record['message'] ?? null;
        unset($record['message']);
        $this->record = $record;
        $this->kind = (string) ($record['error']['kind'] ?? 'unknown');
        parent::__construct(is_string($message) ? $message : $this->kind);
    }
}

/** The command could not run, or refused its arguments (exit 2). */
final class CommandError extends \RuntimeException
{
}

final class Ocop
{
    private string $binary;
    /** @var list<string> */
    private array $flags = [];

    /**
     * @param string $binary the `ocop` executable (a path, or a name on PATH)
     * @param array{edition?: string, inferred?: bool, weakSources?: bool, criteria?: string} $options
     *        the command's flags: `--edition`, `--inferred`, `--weak-sources`, `--criteria DIR`
     */
    public function __construct(string $binary = 'ocop', array $options = [])
    {
        // A relative path is taken from here, not from wherever the
        // script has moved to by the time it calls.
        $real = str_contains($binary, '/') ? realpath($binary) : false;
        $this->binary = $real === false ? $binary : $real;
        $known = ['edition', 'inferred', 'weakSources', 'criteria'];
        foreach (array_diff(array_keys($options), $known) as $unknown) {
            throw new \InvalidArgumentException("unknown option '$unknown'; known: " . implode(', ', $known));
        }
        if (isset($options['edition'])) {
            array_push($this->flags, '--edition', (string) $options['edition']);
        }
        if (!empty($options['inferred'])) {
            $this->flags[] = '--inferred';
        }
        if (!empty($options['weakSources'])) {
            $this->flags[] = '--weak-sources';
        }
        if (isset($options['criteria'])) {
            array_push($this->flags, '--criteria', (string) $options['criteria']);
        }
    }

    /**
     * The scorecard `ocop score` writes for one evaluation.
     *
     * @param array|string $evaluation an evaluation as an array or as JSON text
     * @throws OcopError when the evaluation cannot be scored
     */
    public function score(array|string $evaluation): array
    {
        return $this->one('score', [], $evaluation);
    }

    /**
     * Every problem of one evaluation at once, as `ocop check` lists them:
     * `[['message' => …, 'error' => ['kind' => …, …]], …]`, empty when it
     * scores.
     *
     * @throws OcopError when the text is not an evaluation at all
     */
    public function check(array|string $evaluation): array
    {
        return $this->one('check', [], $evaluation);
    }

    /**
     * The plan `ocop plan` writes: the fewest changes (or the cheapest,
     * with costs) that reach `$target` stars, or why none does.
     *
     * @param array|null $costs as the `--costs` file: `['default' => 1, 'criteria' => ['1.2' => 5]]`
     * @throws OcopError when the evaluation cannot be scored
     */
    public function plan(array|string $evaluation, ?int $target = null, ?array $costs = null): array
    {
        $args = [];
        if ($target !== null) {
            array_push($args, '--target', (string) $target);
        }
        $file = null;
        if ($costs !== null) {
            if (($costs['criteria'] ?? null) === []) {
                $costs['criteria'] = new \stdClass();
            }
            $file = $this->temp(json_encode($costs, JSON_THROW_ON_ERROR));
            array_push($args, '--costs', $file);
        }
        try {
            return $this->one('plan', $args, $evaluation);
        } finally {
            if ($file !== null) {
                @unlink($file);
            }
        }
    }

    /**
     * The explanation `ocop explain --json` writes: criterion by criterion,
     * the council's points, what is left, each tier's minimum.
     *
     * @throws OcopError when the evaluation cannot be scored
     */
    public function explain(array|string $evaluation): array
    {
        return $this->one('explain', ['--json'], $evaluation);
    }

    /**
     * One record per product of a file, in order: a scorecard, or an error
     * record (`['line' => …, 'error' => …]`) in its place. The file is
     * JSON Lines, or a council workbook (.xlsx, .xls, .ods) or CSV file.
     *
     * @return list<array>
     */
    public function scoreFile(string $path): array
    {
        if ($path === '-' || $path === '') {
            throw new \InvalidArgumentException('scoreFile takes the path of a file');
        }
        // After `--`, a path that starts with '-' is not read as a flag.
        [$code, $out, $err] = $this->run('score', ['--', $path]);
        if ($code === 2) {
            self::stopped($err);
        }
        return array_map(
            fn (string $line) => json_decode($line, true, 512, JSON_THROW_ON_ERROR),
            $out === '' ? [] : explode("\n", rtrim($out, "\n")),
        );
    }

    /**
     * Runs `ocop COMMAND [flags] ARGS` with `$input` on standard input:
     * the exit code, standard output and standard error, unparsed.
     *
     * @param list<string> $args
     * @return array{0: int, 1: string, 2: string}
     */
    public function run(string $command, array $args, string $input = ''): array
    {
        // --json-errors: each record carries the library's sentence, and an
        // error that stops the command comes as a record too.
        $argv = [$this->binary, '--json-errors', $command, ...$this->flags, ...$args];
        // Input from a file and output to files: no pipe can fill up and
        // stall the command, however long either is.
        $in = $this->temp($input);
        $out = tmpfile();
        $err = tmpfile();
        try {
            $proc = @proc_open($argv, [0 => ['file', $in, 'r'], 1 => $out, 2 => $err], $pipes);
            if ($proc === false) {
                throw new CommandError("cannot run {$this->binary}");
            }
            $code = proc_close($proc);
            rewind($out);
            rewind($err);
            $stdout = (string) stream_get_contents($out);
            $stderr = (string) stream_get_contents($err);
        } finally {
            @unlink($in);
            fclose($out);
            fclose($err);
        }
        if ($code !== 0 && $code !== 1 && $code !== 2) {
            throw new CommandError("{$this->binary} exited with $code: " . trim($stderr));
        }
        return [$code, $stdout, $stderr];
    }

    /** One evaluation through a command that writes one line per line. */
    private function one(string $command, array $args, array|string $evaluation): array
    {
        [$code, $out, $err] = $this->run($command, [...$args, '-'], self::line($evaluation) . "\n");
        if ($code === 2) {
            self::stopped($err);
        }
        $value = json_decode(rtrim($out, "\n"), true, 512, JSON_THROW_ON_ERROR);
        if ($code === 1 && is_array($value) && isset($value['error'], $value['line'])) {
            throw new OcopError($value);
        }
        return $value;
    }

    /**
     * The command stopped (exit 2): the library's refusal as an
     * OcopError, anything else (a usage error, a file that cannot be
     * read) as a CommandError.
     *
     * @return never
     */
    private static function stopped(string $stderr): void
    {
        $last = trim((string) strrchr("\n" . rtrim($stderr), "\n"));
        $record = json_decode($last, true);
        if (is_array($record) && isset($record['error']['kind'], $record['message'])) {
            throw new OcopError($record);
        }
        throw new CommandError(trim($stderr));
    }

    /** An evaluation as one line of JSON. */
    private static function line(array|string $evaluation): string
    {
        if (is_array($evaluation)) {
            // PHP has one empty array for [] and {}: a member's answers
            // are an object even when there are none yet.
            foreach ($evaluation['members'] ?? [] as $i => $m) {
                if (is_array($m) && ($m['answers'] ?? null) === []) {
                    $evaluation['members'][$i]['answers'] = new \stdClass();
                }
            }
            return json_encode($evaluation, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        }
        // Line breaks become tabs: outside a JSON string both are
        // whitespace, so pretty-printed text becomes one line; inside one
        // both are forbidden, so text that was not JSON stays not JSON.
        return str_replace(["\r\n", "\r", "\n"], "\t", $evaluation);
    }

    private function temp(string $content): string
    {
        $path = tempnam(sys_get_temp_dir(), 'ocop');
        if ($path === false || file_put_contents($path, $content) === false) {
            throw new CommandError('cannot write a temporary file');
        }
        return $path;
    }
}
