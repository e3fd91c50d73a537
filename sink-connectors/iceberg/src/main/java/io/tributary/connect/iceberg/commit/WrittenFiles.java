package io.tributary.connect.iceberg.commit;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;

/** Files written for one table and not yet committed: new rows, and row-level deletes of older rows. */
public record WrittenFiles(List<DataFile> data, List<DeleteFile> deletes) {

    public static final WrittenFiles NONE = new WrittenFiles(List.of(), List.of());

    public WrittenFiles {
        data = List.copyOf(data);
        deletes = List.copyOf(deletes);
    }

    public static WrittenFiles ofData(List<DataFile> data) {
        return new WrittenFiles(data, List.of());
    }

    public WrittenFiles plus(WrittenFiles more) {
        if (more.isEmpty()) {
            return this;
        }
        List<DataFile> allData = new ArrayList<>(data);
        allData.addAll(more.data);
        List<DeleteFile> allDeletes = new ArrayList<>(deletes);
        allDeletes.addAll(more.deletes);
        return new WrittenFiles(allData, allDeletes);
    }

    public boolean isEmpty() {
        return data.isEmpty() && deletes.isEmpty();
    }

    public int count() {
        return data.size() + deletes.size();
    }

    /** Every file, data and deletes, e.g. to delete them. */
    public List<ContentFile<?>> all() {
        List<ContentFile<?>> all = new ArrayList<>(data);
        all.addAll(deletes);
        return all;
    }
}
