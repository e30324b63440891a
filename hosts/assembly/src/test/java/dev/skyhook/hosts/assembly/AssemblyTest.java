package dev.skyhook.hosts.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.port.out.RideRepository;
import dev.skyhook.core.port.out.UserRepository;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class AssemblyTest {
    private static final Settings SETTINGS = Settings.fromVariables(Map.of("IMAGE_CODEC", "imageio"));

    @Test
    void anAssemblyOnOtherAdaptersSharesTheCodecAndRenderBudgetEvenIfBuiltFirst() {
        Assembly parent = new Assembly(SETTINGS, new NoStores(), Assembly.Options.defaults());
        Assembly child = parent.on(new NoStores(), Assembly.Options.defaults());
        Assembly grandchild = child.on(new NoStores(), Assembly.Options.defaults());

        // The child builds them first; the parent must get the same ones, not build its own.
        assertThat(parent.imageCodec()).isSameAs(child.imageCodec()).isSameAs(grandchild.imageCodec());
        assertThat(parent.renderBudget()).isSameAs(child.renderBudget()).isSameAs(grandchild.renderBudget());
        assertThat(parent.uploadPolicy()).isSameAs(child.uploadPolicy());
    }

    @Test
    void anAssemblyOnOtherAdaptersSharesWhatItsParentBuilt() {
        Assembly parent = new Assembly(SETTINGS, new NoStores(), Assembly.Options.defaults());
        var codec = parent.imageCodec();
        var budget = parent.renderBudget();

        Assembly child = parent.on(new NoStores(), Assembly.Options.defaults());

        assertThat(child.imageCodec()).isSameAs(codec);
        assertThat(child.renderBudget()).isSameAs(budget);
    }

    @Test
    void separateAssembliesHaveTheirOwn() {
        Assembly one = new Assembly(SETTINGS, new NoStores(), Assembly.Options.defaults());
        Assembly other = new Assembly(SETTINGS, new NoStores(), Assembly.Options.defaults());

        assertThat(one.renderBudget()).isNotSameAs(other.renderBudget());
    }

    /** The codec and render budget touch no store: any use of one fails the test. */
    private static final class NoStores implements Adapters {
        @Override
        public UserRepository users() {
            throw new AssertionError("no store");
        }

        @Override
        public RideRepository rides() {
            throw new AssertionError("no store");
        }

        @Override
        public BlobStore blobs() {
            throw new AssertionError("no store");
        }

        @Override
        public BlobUrlSigner blobUrlSigner() {
            throw new AssertionError("no store");
        }

        @Override
        public byte[] urlSigningSecret() {
            throw new AssertionError("no store");
        }

        @Override
        public Map<String, BooleanSupplier> health() {
            throw new AssertionError("no store");
        }
    }
}
