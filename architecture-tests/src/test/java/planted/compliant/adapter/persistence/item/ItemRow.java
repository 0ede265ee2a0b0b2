package planted.compliant.adapter.persistence.item;

import org.springframework.data.annotation.Id;

record ItemRow(@Id String id, String title) {
}
