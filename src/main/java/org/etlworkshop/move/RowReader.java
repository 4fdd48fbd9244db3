package org.etlworkshop.move;

import java.io.IOException;
import java.util.List;

/** Rows parsed from an import's text, one at a time: the memory of one row, whatever the size of the input. */
interface RowReader {

    /** The columns every row's values are for, in order, as the source names them. */
    List<String> columns();

    /** The next row, or null at the end; a row that cannot be parsed is thrown and the next call goes on after it. */
    Row next() throws IOException, BadRow;

    /** Lines read but left out on purpose ({@code --where}), not rejected. */
    default long filtered() {
        return 0;
    }
}
