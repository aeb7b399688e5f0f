package dev.graft.ir;

/** The IR text does not follow LLVM's syntax where graft needed to understand it. */
public final class IrParseException extends Exception {

    private final int line;
    private final int column;

    public IrParseException(int line, int column, String problem) {
        super("line " + line + ":" + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
